using System.Text.Json;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Planning.CloneSets;

public static partial class CloneSetDecider
{
    /// <summary>
    /// Every pod is created with the InPlaceUpdateReady readiness gate, so it is never Ready until
    /// something sets that condition: as OpenKruise's in-place refresh does, the controller sets it
    /// True on each pod that has the gate and no such condition yet (a False one belongs to an
    /// in-place update in progress). It is a level-triggered status fact, re-derived from every
    /// observation, so it needs no intent in the journal: a lost patch is simply sent again.
    /// A pod handed to its pod entity for an in-place update is left alone: that entity owns the
    /// condition until the update is done.
    /// </summary>
    private static void MarkInPlaceUpdateReady(DecisionBuilder decision, CloneSetView view)
    {
        foreach (var pod in view.ActivePods.Where(p => p.HasInPlaceUpdateGate && p.InPlaceUpdateReady is null))
        {
            if (decision.State.FindIntent(IntentKind.UpdatePodInPlace, pod.Name) is not null)
                continue;
            var target = ObjectRef.Pod(view.Namespace, pod.Name);
            decision.Send(new PatchObject(CommandIds.For(CommandIds.Status, target), target, PatchKind.StrategicMerge, ReadyPatch(view.Now), "status"));
        }
    }

    private static string ReadyPatch(DateTimeOffset now) => JsonSerializer.Serialize(new
    {
        status = new
        {
            conditions = new[]
            {
                new { type = InPlaceUpdateKeys.ReadinessGate, status = "True", lastTransitionTime = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) },
            },
        },
    });
}
