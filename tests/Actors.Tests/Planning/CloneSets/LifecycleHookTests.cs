using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.Common;
using Kruise.Actors.Planning.Lifecycle;
using Kruise.Actors.Tests.Planning.Fixtures;
using LifecycleSpec = Kruise.Actors.Crds.Apps.Pub.Lifecycle;

namespace Kruise.Actors.Tests.Planning.CloneSets;

/// <summary>spec.lifecycle on the CloneSet scale path: preNormal admits new pods, preDelete holds pods about to go.</summary>
public sealed class LifecycleHookTests
{
    private const string Blocker = "example.io/unready-blocker";
    private const string Registered = "example.io/registered";

    private static LifecycleHook BlockerHook(bool markPodNotReady = false) =>
        new() { LabelsHandler = new Dictionary<string, string> { [Blocker] = "true" }, MarkPodNotReady = markPodNotReady };

    // The hook label is in the template, so every pod carries it from the start (as users set it up).
    private static CloneSetWorld WithPreDelete(int replicas, bool markPodNotReady = false)
    {
        var world = new CloneSetWorld(TestCloneSets.New(replicas, spec =>
        {
            spec.Template!.Metadata.Labels[Blocker] = "true";
            spec.Lifecycle = new LifecycleSpec { PreDelete = BlockerHook(markPodNotReady) };
        }));
        world.Settle();
        return world;
    }

    private static string StateOf(CloneSetWorld world, string pod) => PodLifecycle.StateOf(world.Pods[pod]);

    private static void Release(CloneSetWorld world, string pod) =>
        world.Pods[pod] = world.Pods[pod] with { Labels = world.Pods[pod].Labels.Remove(Blocker) };

    private static int Available(CloneSetWorld world) => world.CloneSet.Status?.AvailableReplicas ?? 0;

    [Fact]
    public void Without_hooks_new_pods_start_Normal_and_need_no_state_patch()
    {
        var world = new CloneSetWorld(TestCloneSets.New(3));
        world.Settle();

        Assert.All(world.Pods.Keys, p => Assert.Equal("Normal", StateOf(world, p)));
        Assert.DoesNotContain(world.Sent, c => c.Id.StartsWith("lifecycle", StringComparison.Ordinal));
        Assert.Equal(3, Available(world));
    }

    [Fact]
    public void PreNormal_keeps_new_pods_unavailable_until_the_handler_puts_all_its_labels_on()
    {
        var world = new CloneSetWorld(TestCloneSets.New(2, spec => spec.Lifecycle = new LifecycleSpec
        {
            PreNormal = new LifecycleHook { LabelsHandler = new Dictionary<string, string> { [Registered] = "true", ["example.io/lb"] = "on" } },
        }));
        world.Settle();
        var (first, second) = (world.PodNames[0], world.PodNames[1]);

        Assert.All(world.PodNames, p => Assert.Equal("PreparingNormal", StateOf(world, p)));
        Assert.Equal(0, Available(world));

        world.Pods[first] = world.Pods[first].WithLabel(Registered, "true");
        world.Settle();
        Assert.Equal("PreparingNormal", StateOf(world, first));

        world.Pods[first] = world.Pods[first].WithLabel("example.io/lb", "on");
        world.Settle();
        Assert.Equal(("Normal", "PreparingNormal"), (StateOf(world, first), StateOf(world, second)));
        Assert.Equal(1, Available(world));
        Assert.Equal(2, world.Pods.Count);
    }

    [Fact]
    public void Scale_down_moves_hooked_pods_to_PreparingDelete_and_deletes_each_once_released()
    {
        var world = WithPreDelete(3);
        world.Scale(1);
        world.Settle();

        var preparing = world.PodNames.Where(p => StateOf(world, p) == "PreparingDelete").ToList();
        Assert.Equal(2, preparing.Count);
        Assert.Equal(3, world.Pods.Count);
        Assert.Equal(2, world.Journaled<PodPreDeleteRequested>().Count);
        Assert.Empty(world.Journaled<PodDeleteRequested>());
        Assert.Equal(1, Available(world));

        Release(world, preparing[0]);
        world.Settle();
        Assert.DoesNotContain(preparing[0], world.PodNames);
        Assert.Contains(preparing[1], world.PodNames);

        Release(world, preparing[1]);
        world.Settle();
        Assert.Single(world.Pods);
        Assert.Equal("Normal", StateOf(world, world.PodNames[0]));
        Assert.All(world.Journaled<PodDeleteRequested>(), e => Assert.Equal(DeleteReasons.PreDeleteReleased, e.Reason));
    }

    [Fact]
    public void A_pod_named_in_podsToDelete_waits_for_the_hook_then_is_replaced()
    {
        var world = WithPreDelete(3);
        var victim = world.PodNames[1];
        world.Edit(spec => spec.ScaleStrategy = new CloneSetScaleStrategy { PodsToDelete = [victim] });
        world.Settle();

        Assert.Equal("PreparingDelete", StateOf(world, victim));
        Assert.Equal(3, world.Pods.Count);
        Assert.Equal(DeleteReasons.SpecifiedDelete, Assert.Single(world.Journaled<PodPreDeleteRequested>()).Reason);

        Release(world, victim);
        world.Settle();
        Assert.DoesNotContain(victim, world.PodNames);
        Assert.Equal(3, world.Pods.Count);
        Assert.Equal(3, Available(world));
    }

    [Fact]
    public void A_pod_labelled_specified_delete_goes_through_the_hook_too()
    {
        var world = WithPreDelete(2);
        var victim = world.PodNames[0];
        world.Pods[victim] = world.Pods[victim].WithLabel(CloneSet.SpecifiedDeleteLabel, "true");
        world.Settle();

        Assert.Equal("PreparingDelete", StateOf(world, victim));
        Assert.Empty(world.Journaled<PodDeleteRequested>());
    }

    [Fact]
    public void A_pod_the_hook_is_not_on_is_deleted_at_once()
    {
        var world = WithPreDelete(3);
        foreach (var pod in world.PodNames)
            Release(world, pod);
        world.Scale(1);
        world.Settle();

        Assert.Single(world.Pods);
        Assert.Empty(world.Journaled<PodPreDeleteRequested>());
    }

    [Fact]
    public void Pods_in_PreparingDelete_count_as_unavailable_for_scaleStrategy_maxUnavailable()
    {
        var world = WithPreDelete(3);
        world.Edit(spec => spec.ScaleStrategy = new CloneSetScaleStrategy { PodsToDelete = [world.PodNames[0]], MaxUnavailable = 1 });
        world.Settle();
        world.Edit(spec => spec.Replicas = 4);

        var decision = world.Step();

        Assert.Empty(decision.Events.OfType<PodCreateRequested>());
        Assert.Equal(0, decision.Diff!.ScaleUpLimit);
        Assert.Contains(decision.Commands.OfType<RecordEvent>(), e => e.Reason == CloneSetKubeEvents.ScaleUpLimited);
    }

    [Fact]
    public void While_the_PreparingDelete_patch_is_in_flight_no_other_pod_is_chosen()
    {
        var world = WithPreDelete(4);
        world.Scale(3);
        world.HoldCommands = true;

        world.Step();
        var first = Assert.Single(world.Journaled<PodPreDeleteRequested>()).Name;
        // Another pod turns unready: it would be the better choice now, but one pod is already on its way out.
        var other = world.PodNames.First(p => p != first);
        world.Pods[other] = world.Pods[other] with { Ready = false, ReadySince = null };
        for (var i = 0; i < 3; i++)
            world.Step();

        var marked = Assert.Single(world.Journaled<PodPreDeleteRequested>());
        Assert.Empty(world.Journaled<PodDeleteRequested>());

        // A new incarnation recovers the intent from the journal and sends the patch again.
        var recovered = CloneSetState.Empty.EvolveAll(world.Journal);
        var resumed = CloneSetDecider.Resume(recovered, world.Observation(), world.Now);
        Assert.Contains(resumed.Commands, c => c.Id == $"pre-delete:Pod:{marked.Name}");
        Assert.Empty(resumed.Events.OfType<PodPreDeleteRequested>());
    }

    [Fact]
    public void The_hook_wait_is_reported_once_per_pod()
    {
        var world = WithPreDelete(2);
        world.Scale(1);
        for (var i = 0; i < 10; i++)
            world.Step();

        Assert.Single(world.KubeEvents, e => e.Reason == CloneSetKubeEvents.PreparingDelete);
    }

    [Fact]
    public void Scaling_back_up_takes_PreparingDelete_pods_back_instead_of_creating_new_ones()
    {
        var world = WithPreDelete(3);
        var original = world.PodNames.ToList();
        world.Scale(1);
        world.Settle();
        world.Scale(3);
        world.Settle();

        Assert.Equal(original, world.PodNames);
        Assert.All(world.PodNames, p => Assert.Equal("Normal", StateOf(world, p)));
        Assert.Equal(3, Available(world));
    }

    [Fact]
    public void MarkPodNotReady_gates_new_pods_and_holds_KruisePodReady_false_while_PreparingDelete()
    {
        var world = WithPreDelete(2, markPodNotReady: true);
        Assert.All(world.Pods.Values, p => Assert.True(p.HasKruisePodReadyGate && p.KruisePodReady == true));
        Assert.All(world.PodBodies.Values, p => Assert.Contains(p.Spec.ReadinessGates, g => g.ConditionType == "KruisePodReady"));

        world.Scale(1);
        world.Settle(makeReady: false);
        var preparing = Assert.Single(world.PodNames, p => StateOf(world, p) == "PreparingDelete");

        Assert.False(world.Pods[preparing].KruisePodReady);
        Assert.False(world.Pods[preparing].Ready);
        Assert.Contains("preDeleteHook", world.Pods[preparing].KruisePodReadyMessage, StringComparison.Ordinal);

        // With markPodNotReady a pod in PreparingDelete is never taken back (OpenKruise forbids it).
        world.Scale(2);
        world.Settle(makeReady: false);
        Assert.Equal("PreparingDelete", StateOf(world, preparing));
    }

    [Fact]
    public void After_an_in_place_update_the_pod_is_Updated_until_the_handler_re_admits_it_then_Normal()
    {
        var world = new CloneSetWorld(TestCloneSets.New(1, spec =>
        {
            spec.Template!.Metadata.Labels[Blocker] = "true";
            spec.UpdateStrategy = new CloneSetUpdateStrategy { Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible };
            spec.Lifecycle = new LifecycleSpec { InPlaceUpdate = BlockerHook(markPodNotReady: true) };
        }));
        world.Settle();
        var pod = world.PodNames[0];
        // A new image: the update step moves the pod to PreparingUpdate; markPodNotReady holds it not ready there ...
        world.Edit(spec => spec.Template!.Spec.Containers[0].Image = "nginx:1.26");
        world.Settle(makeReady: false);
        Assert.Equal("PreparingUpdate", StateOf(world, pod));
        Assert.False(world.Pods[pod].KruisePodReady);
        Assert.Empty(world.PodUpdates);

        // ... until the handler takes the hook off: the in-place update (InPlaceUpdateReady False) sets Updating.
        Release(world, pod);
        world.Settle(makeReady: false);
        Assert.Equal(pod, Assert.Single(world.PodUpdates).Pod);
        Assert.Equal("Updating", StateOf(world, pod));
        Assert.False(world.Pods[pod].KruisePodReady);

        world.Pods[pod] = world.Pods[pod] with { InPlaceUpdateReady = true };
        world.Settle(makeReady: false);
        Assert.Equal("Updated", StateOf(world, pod));
        Assert.True(world.Pods[pod].KruisePodReady);

        world.Pods[pod] = world.Pods[pod].WithLabel(Blocker, "true");
        world.Settle(makeReady: false);
        Assert.Equal("Normal", StateOf(world, pod));
    }
}

/// <summary>spec.lifecycle.inPlaceUpdate on the update path: a hooked pod waits in PreparingUpdate until released.</summary>
public sealed class InPlaceUpdateHookTests
{
    private const string Blocker = "example.io/traffic";

    private static CloneSetWorld Running(int replicas)
    {
        var world = new CloneSetWorld(TestCloneSets.New(replicas, spec =>
        {
            spec.Template!.Metadata.Labels[Blocker] = "on";
            spec.UpdateStrategy = new CloneSetUpdateStrategy { Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible, MaxUnavailable = "100%" };
            spec.Lifecycle = new LifecycleSpec { InPlaceUpdate = new LifecycleHook { LabelsHandler = new Dictionary<string, string> { [Blocker] = "on" } } };
        }));
        world.Settle();
        return world;
    }

    [Fact]
    public void A_hooked_pod_moves_to_PreparingUpdate_and_is_updated_in_place_only_once_its_handler_takes_the_hook_off()
    {
        var world = Running(2);
        var (first, second) = (world.PodNames[0], world.PodNames[1]);
        world.Edit(spec => spec.Template!.Spec.Containers[0].Image = "nginx:1.26");
        world.Settle(makeReady: false);

        Assert.Empty(world.PodUpdates);
        Assert.All(world.PodNames, p => Assert.Equal("PreparingUpdate", PodLifecycle.StateOf(world.Pods[p])));

        world.Pods[first] = world.Pods[first] with { Labels = world.Pods[first].Labels.Remove(Blocker) };
        world.Settle(makeReady: false);

        var update = Assert.Single(world.PodUpdates);
        Assert.Equal(first, update.Pod);
        Assert.Equal("Updating", update.Spec.Labels["lifecycle.apps.kruise.io/state"]);
        Assert.Equal("PreparingUpdate", PodLifecycle.StateOf(world.Pods[second]));
    }

    [Fact]
    public void Without_an_inPlaceUpdate_hook_the_update_leaves_the_state_label_alone()
    {
        var world = new CloneSetWorld(TestCloneSets.New(2, spec => spec.UpdateStrategy = new CloneSetUpdateStrategy { Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible }));
        world.Settle();
        world.Edit(spec => spec.Template!.Spec.Containers[0].Image = "nginx:1.26");
        world.Settle();

        Assert.Equal(2, world.PodUpdates.Count);
        Assert.All(world.PodUpdates, u => Assert.False(u.Spec.Labels.ContainsKey("lifecycle.apps.kruise.io/state")));
        Assert.DoesNotContain(world.Sent, c => c.Id.StartsWith("lifecycle:", StringComparison.Ordinal));
    }
}
