namespace Kruise.Actors.Planning.InPlace;

/// <summary>The outcome of comparing two pod templates: a spec when the pod can be updated in place, else why not.</summary>
/// <param name="Spec">What to change on the pod; null when the update needs a new pod.</param>
/// <param name="Reason">Why the update cannot happen in place, naming the field (e.g. "spec.containers[0].env changed").</param>
public sealed record InPlaceUpdatePlan(InPlaceUpdateSpec? Spec, string? Reason)
{
    public bool Possible => Spec is not null;

    public static InPlaceUpdatePlan NotPossible(string reason) => new(null, reason);
}
