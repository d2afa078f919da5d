using Kruise.Actors.Planning.Lifecycle;
using Kruise.Actors.Tests.Planning.Fixtures;
using LifecycleSpec = Kruise.Actors.Crds.Apps.Pub.Lifecycle;

namespace Kruise.Actors.Tests.Planning.Lifecycle;

public sealed class InPlaceUpdateHookTests
{
    [Theory]
    // Before an update a pod the hook is on (any part) goes PreparingUpdate and waits there.
    [InlineData("", "a", true, InPlaceUpdateHookAction.Prepare, "PreparingUpdate")]
    [InlineData("Normal", "f", true, InPlaceUpdateHookAction.Prepare, "PreparingUpdate")]
    [InlineData("PreparingNormal", "b", true, InPlaceUpdateHookAction.Prepare, "PreparingUpdate")]
    [InlineData("Normal", "", true, InPlaceUpdateHookAction.Proceed, null)]
    [InlineData("Normal", "a", false, InPlaceUpdateHookAction.Proceed, null)]
    // The handler took the hook off: update.
    [InlineData("PreparingUpdate", "a", true, InPlaceUpdateHookAction.Wait, null)]
    [InlineData("PreparingUpdate", "", true, InPlaceUpdateHookAction.Proceed, null)]
    [InlineData("PreparingUpdate", "", false, InPlaceUpdateHookAction.Proceed, null)]
    [InlineData("Updating", "a,b,f", true, InPlaceUpdateHookAction.Proceed, null)]
    // Updated again before it was re-admitted: the hook is put back on first.
    [InlineData("Updated", "", true, InPlaceUpdateHookAction.Prepare, "PreparingUpdate")]
    [InlineData("Updated", "", false, InPlaceUpdateHookAction.Wait, null)]
    // A pod waiting to be deleted is not updated.
    [InlineData("PreparingDelete", "", true, InPlaceUpdateHookAction.Refuse, null)]
    [InlineData("PreparingDelete", "", false, InPlaceUpdateHookAction.Refuse, null)]
    public void Before_an_in_place_update(string state, string parts, bool withHook, InPlaceUpdateHookAction action, string? preparedState)
    {
        var lifecycle = withHook ? new LifecycleSpec { InPlaceUpdate = PodLifecycleTests.Hook() } : null;
        var pod = PodLifecycleTests.Pod(parts, state);

        var step = InPlaceUpdateHook.Before(lifecycle, pod, TestPods.T0);

        Assert.Equal(action, step.Action);
        Assert.Equal(preparedState, step.Patch is null ? null : PodLifecycle.StateOf(PodPatches.Apply(pod, step.Patch)));
    }

    [Fact]
    public void Re_preparing_an_updated_pod_hooks_it_again_so_it_waits_for_the_handler()
    {
        var lifecycle = new LifecycleSpec { InPlaceUpdate = PodLifecycleTests.Hook() };
        var pod = PodLifecycleTests.Pod("", "Updated");

        var prepared = PodPatches.Apply(pod, InPlaceUpdateHook.Before(lifecycle, pod, TestPods.T0).Patch!);

        Assert.Equal(InPlaceUpdateHookAction.Wait, InPlaceUpdateHook.Before(lifecycle, prepared, TestPods.T0).Action);
    }

    [Fact]
    public void The_update_itself_labels_the_pod_Updating()
    {
        Assert.Equal(new KeyValuePair<string, string>("lifecycle.apps.kruise.io/state", "Updating"), InPlaceUpdateHook.UpdatingLabel);
    }
}
