using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Validation;
using Kruise.Actors.Planning.InPlace;

namespace Kruise.Actors.Admission;

/// <summary>
/// With updateStrategy.type InPlaceOnly a template change must be one the pods can take in place
/// (OpenKruise refuses any other at admission: ValidateCloneSetUpdate); the shared in-place
/// planner is the judge, so admission and the rollout never disagree.
/// </summary>
public static class InPlaceOnlyRule
{
    public static FieldError? Check(CloneSet oldCloneSet, CloneSet newCloneSet)
    {
        ArgumentNullException.ThrowIfNull(oldCloneSet);
        ArgumentNullException.ThrowIfNull(newCloneSet);
        if (newCloneSet.Spec.UpdateStrategy?.Type != CloneSetUpdateStrategyTypes.InPlaceOnly
            || oldCloneSet.Spec.Template is not { } from || newCloneSet.Spec.Template is not { } to)
            return null;
        var plan = InPlaceUpdatePlanner.Plan(from, to, "admission");
        return plan.Possible
            ? null
            : new FieldError("spec.template", $"only container images, labels and annotations may change with updateStrategy.type InPlaceOnly, but spec.template.{plan.Reason}");
    }
}
