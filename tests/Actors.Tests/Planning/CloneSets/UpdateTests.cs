using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class UpdateTests
{
    private static CloneSetWorld Running(int replicas, Action<CloneSetUpdateStrategy>? strategy = null)
    {
        var world = new CloneSetWorld(TestCloneSets.New(replicas, spec =>
        {
            spec.UpdateStrategy = new CloneSetUpdateStrategy();
            strategy?.Invoke(spec.UpdateStrategy);
        }));
        world.Settle();
        return world;
    }

    private static void NewImage(CloneSetWorld world, string image = "nginx:1.26") =>
        world.Edit(spec => spec.Template!.Spec.Containers[0].Image = image);

    private static void NewEnv(CloneSetWorld world) =>
        world.Edit(spec => spec.Template!.Spec.Containers[0].Env = [new V1EnvVar { Name = "MODE", Value = "fast" }]);

    private static int Available(CloneSetWorld world) => world.Pods.Values.Count(p => p.IsActive && PodAvailability.IsAvailable(p, 0, world.Now));

    /// <summary>Settles like <see cref="CloneSetWorld.Settle"/>, checking after every step (before pods turn ready) what a user would watch.</summary>
    private static void SettleWatching(CloneSetWorld world, Action check, int maxSteps = 80)
    {
        for (var step = 0; step < maxSteps; step++)
        {
            var decision = world.Step();
            check();
            if (world.MakeAllReady() == 0 && decision.Events.Count == 0 && decision.Commands.All(c => c is RecordEvent))
                return;
        }
        throw new InvalidOperationException("the CloneSet did not settle");
    }

    [Fact]
    public void ReCreate_replaces_every_pod_with_a_new_one_at_the_new_revision()
    {
        var world = Running(4);
        var before = world.PodNames;
        NewImage(world);

        // 20% of 4 rounds up to 1: never more than one pod short of available.
        SettleWatching(world, () => Assert.True(Available(world) >= 3, $"only {Available(world)} pods available"));

        var update = TestCloneSets.RevisionName(world.CloneSet);
        Assert.Equal(4, world.Pods.Count);
        Assert.Empty(world.PodNames.Intersect(before));
        Assert.All(world.PodBodies.Values.Where(p => world.Pods.ContainsKey(p.Metadata.Name)), p => Assert.Equal("nginx:1.26", p.Spec.Containers[0].Image));
        Assert.Equal(before.Order(), world.Journaled<PodDeleteRequested>().Select(e => e.Name).Order());
        Assert.All(world.Journaled<PodDeleteRequested>(), e => Assert.Equal(DeleteReasons.Update, e.Reason));
        Assert.Empty(world.PodUpdates);
        Assert.Contains(world.KubeEvents, e => e.Reason == CloneSetKubeEvents.SuccessfulUpdatePodReCreate && e.Message.Contains(before[0], StringComparison.Ordinal));
        var status = world.CloneSet.Status!;
        Assert.Equal((4, 4, 4, 4, update, update), (status.UpdatedReplicas, status.UpdatedReadyReplicas, status.UpdatedAvailableReplicas, status.ExpectedUpdatedReplicas, status.UpdateRevision, status.CurrentRevision));
    }

    [Fact]
    public void InPlaceIfPossible_updates_images_keeping_every_pod_and_its_uid()
    {
        var world = Running(5, s => { s.Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible; s.MaxUnavailable = "2"; s.InPlaceUpdateStrategy = new() { GracePeriodSeconds = 3 }; });
        var uids = world.Pods.Values.ToDictionary(p => p.Name, p => p.Uid);
        NewImage(world);

        SettleWatching(world, () => Assert.True(Available(world) >= 3, $"only {Available(world)} pods available"));

        var update = TestCloneSets.RevisionName(world.CloneSet);
        Assert.Equal(uids, world.Pods.Values.ToDictionary(p => p.Name, p => p.Uid));
        Assert.Empty(world.Journaled<PodDeleteRequested>());
        Assert.All(world.PodBodies.Values, p => Assert.Equal("nginx:1.26", p.Spec.Containers[0].Image));
        Assert.All(world.Pods.Values, p => Assert.Equal(1, p.MaxRestarts));
        Assert.Equal(uids.Keys.Order(), world.PodUpdates.Select(u => u.Pod).Order());
        Assert.All(world.PodUpdates, u =>
        {
            Assert.Equal((TestCloneSets.Namespace, "CloneSet", TestCloneSets.Name, 3, update), (u.Namespace, u.OwnerKind, u.OwnerName, u.GracePeriodSeconds, u.Spec.Revision));
            Assert.Equal(uids[u.Pod], u.PodUid);
            Assert.Equal("nginx:1.26", u.Spec.ContainerImages["nginx"]);
        });
        // Batches of two (maxUnavailable 2): one event per batch, naming its pods.
        var events = world.KubeEvents.Where(e => e.Reason == CloneSetKubeEvents.SuccessfulUpdatePodInPlace).ToList();
        Assert.Equal(3, events.Count);
        Assert.All(uids.Keys, name => Assert.Single(events, e => e.Message.Contains(name, StringComparison.Ordinal)));
        Assert.All(world.State.Intents.Values, i => Assert.NotEqual(IntentKind.UpdatePodInPlace, i.Kind));
        Assert.Equal((5, 5, update), (world.CloneSet.Status!.UpdatedAvailableReplicas, world.CloneSet.Status.UpdatedReadyReplicas, world.CloneSet.Status.CurrentRevision));
    }

    [Fact]
    public void InPlaceIfPossible_recreates_pods_when_the_change_cannot_be_made_in_place()
    {
        var world = Running(2, s => s.Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible);
        var before = world.PodNames;
        NewEnv(world);

        world.Settle();

        Assert.Empty(world.PodUpdates);
        Assert.Equal(before, world.Journaled<PodDeleteRequested>().Select(e => e.Name).Order());
        Assert.All(world.Journaled<PodDeleteRequested>(), e => Assert.Equal(DeleteReasons.Update, e.Reason));
        Assert.Empty(world.PodNames.Intersect(before));
        Assert.Equal(TestCloneSets.RevisionName(world.CloneSet), world.CloneSet.Status!.CurrentRevision);
    }

    [Fact]
    public void InPlaceOnly_touches_no_pod_for_a_change_it_cannot_make_and_says_why_once()
    {
        var world = Running(3, s => s.Type = CloneSetUpdateStrategyTypes.InPlaceOnly);
        var before = world.Pods.Values.ToList();
        NewEnv(world);

        world.Settle();
        world.Step();

        Assert.Equal(before, world.Pods.Values.ToList());
        Assert.Empty(world.PodUpdates);
        Assert.Empty(world.Journaled<PodDeleteRequested>());
        var warning = Assert.Single(world.KubeEvents, e => e.Reason == CloneSetKubeEvents.FailedUpdatePodInPlace);
        Assert.Equal(RecordEvent.Warning, warning.Type);
        Assert.Contains("spec.containers[0].env", warning.Message, StringComparison.Ordinal);
        var condition = CloneSetConditions.Find(world.CloneSet.Status!.Conditions, CloneSetConditions.FailedUpdate);
        Assert.Equal(("True", CloneSetConditions.InPlaceOnlyBlocked), (condition?.Status, condition?.Reason));
        Assert.Contains("InPlaceOnly", condition!.Message, StringComparison.Ordinal);

        // The user reverts the env and changes only the image: the update goes ahead in place.
        world.Edit(spec => spec.Template!.Spec.Containers[0].Env = null);
        NewImage(world);
        world.Settle();

        Assert.Equal(3, world.PodUpdates.Count);
        Assert.Equal(before.Select(p => p.Uid).Order(), world.Pods.Values.Select(p => p.Uid).Order());
        Assert.Null(CloneSetConditions.Find(world.CloneSet.Status!.Conditions, CloneSetConditions.FailedUpdate));
        Assert.Single(world.Journaled<UpdateUnblocked>());
    }

    [Fact]
    public void An_in_place_intent_is_kept_until_the_pod_shows_the_revision_and_resent_on_timeout_and_resume()
    {
        var world = Running(1, s => s.Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible);
        var pod = world.PodNames.Single();
        world.HoldPodUpdates = true;
        NewImage(world);
        world.Settle(makeReady: false, maxSteps: 10);
        var update = TestCloneSets.RevisionName(world.CloneSet);

        var intent = world.State.FindIntent(IntentKind.UpdatePodInPlace, pod);
        Assert.Equal((update, world.Pods[pod].Uid), (intent?.Revision, intent?.Uid));
        Assert.Single(world.PodUpdates);

        // Nothing new before the timeout; the same request after it, and again on resume.
        Assert.Empty(world.Step().PodUpdates);
        world.Now += world.Options.IntentTimeout;
        var resent = world.Step();
        Assert.Equal(world.PodUpdates[0], Assert.Single(resent.PodUpdates));
        Assert.Contains(resent.Events, e => e is IntentReissued { Kind: IntentKind.UpdatePodInPlace });
        Assert.Single(world.Step(resume: true).PodUpdates);

        // The pod entity does it, to its last step (InPlaceUpdateReady=True): the intent is satisfied and nothing more is asked.
        world.UpdateInPlace(world.PodUpdates[0]);
        world.MakeReady(pod);
        var done = world.Step();
        Assert.Contains(done.Events, e => e is IntentSatisfied { Kind: IntentKind.UpdatePodInPlace });
        Assert.Null(world.State.FindIntent(IntentKind.UpdatePodInPlace, pod));
        Assert.Empty(done.PodUpdates);
    }

    [Fact]
    public void An_in_place_intent_ends_when_its_pod_is_gone_and_is_given_up_after_too_many_sends()
    {
        var world = Running(2, s => { s.Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible; s.MaxUnavailable = "100%"; });
        world.HoldPodUpdates = true;
        NewImage(world);
        world.Settle(makeReady: false, maxSteps: 10);
        var (gone, stuck) = (world.PodNames[0], world.PodNames[1]);
        Assert.NotNull(world.State.FindIntent(IntentKind.UpdatePodInPlace, gone));

        world.RemovePod(gone);
        world.Step();
        Assert.Null(world.State.FindIntent(IntentKind.UpdatePodInPlace, gone));

        for (var send = 1; send < world.Options.MaxInPlaceAttempts; send++)
        {
            world.Now += world.Options.InPlaceResendInterval;
            world.Step();
        }
        world.Now += world.Options.InPlaceResendInterval;
        var expired = world.Step();
        Assert.Contains(expired.Events, e => e is IntentExpired { Kind: IntentKind.UpdatePodInPlace } x && x.Name == stuck);
    }

    [Fact]
    public void A_pod_being_updated_in_place_gets_no_readiness_patch_from_the_CloneSet()
    {
        var world = Running(1, s => s.Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible);
        var pod = world.PodNames.Single();
        world.HoldPodUpdates = true;
        NewImage(world);
        world.Settle(makeReady: false, maxSteps: 10);
        Assert.NotNull(world.State.FindIntent(IntentKind.UpdatePodInPlace, pod));
        world.Pods[pod] = world.Pods[pod] with { InPlaceUpdateReady = null };

        var decision = world.Step();

        Assert.DoesNotContain(decision.Commands, c => c is PatchObject { Subresource: "status" } p && p.Target.Name == pod);
    }

    [Fact]
    public void In_place_batches_never_exceed_maxUnavailable_counting_pods_still_updating()
    {
        var world = Running(5, s => { s.Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible; s.MaxUnavailable = "2"; });
        world.HoldPodUpdates = true;
        NewImage(world);

        world.Settle(makeReady: false, maxSteps: 10);

        // Two asked, none done: nothing more is asked however often it decides.
        Assert.Equal(2, world.PodUpdates.Count);
        world.Step();
        Assert.Equal(2, world.PodUpdates.Count);

        // One finishes (but is not ready yet): still two unavailable, so still nothing.
        world.UpdateInPlace(world.PodUpdates[0]);
        world.Step();
        Assert.Equal(2, world.PodUpdates.Count);

        world.MakeReady(world.PodUpdates[0].Pod);
        world.Step();
        Assert.Equal(3, world.PodUpdates.Count);
    }

    [Fact]
    public void Partition_keeps_old_pods_and_status_shows_the_rollout()
    {
        var world = Running(5, s => { s.Partition = "40%"; s.MaxUnavailable = "100%"; });
        var current = TestCloneSets.RevisionName(world.CloneSet);
        NewImage(world);

        world.Settle();

        var update = TestCloneSets.RevisionName(world.CloneSet);
        var status = world.CloneSet.Status!;
        Assert.Equal(2, world.Pods.Values.Count(p => CloneSetRules.IsUpdated(p, current)));
        Assert.Equal((5, 3, 3, 3, 3), (status.Replicas, status.UpdatedReplicas, status.UpdatedReadyReplicas, status.UpdatedAvailableReplicas, status.ExpectedUpdatedReplicas));
        Assert.Equal((current, update), (status.CurrentRevision, status.UpdateRevision));

        world.Edit(spec => spec.UpdateStrategy!.Partition = 0);
        world.Settle();

        status = world.CloneSet.Status!;
        Assert.Equal((5, 5, update), (status.UpdatedReplicas, status.ExpectedUpdatedReplicas, status.CurrentRevision));
    }

    [Fact]
    public void Paused_updates_nothing_until_resumed()
    {
        var world = Running(3, s => s.Paused = true);
        var before = world.PodNames;
        NewImage(world);

        world.Settle();

        Assert.Equal(before, world.PodNames);
        Assert.Equal(0, world.CloneSet.Status!.UpdatedReplicas);

        world.Edit(spec => spec.UpdateStrategy!.Paused = false);
        world.Settle();

        Assert.Equal(3, world.CloneSet.Status!.UpdatedReplicas);
        Assert.Empty(world.PodNames.Intersect(before));
    }

    [Fact]
    public void MaxSurge_adds_new_pods_first_and_removes_the_old_surplus_after()
    {
        var world = Running(4, s => { s.MaxSurge = 1; s.MaxUnavailable = 0; });
        var before = world.PodNames;
        NewImage(world);
        var most = 0;

        SettleWatching(world, () =>
        {
            Assert.True(Available(world) >= 4, $"only {Available(world)} pods available");
            most = Math.Max(most, world.Pods.Values.Count(p => p.IsActive));
        });

        Assert.Equal(5, most);
        Assert.Equal(4, world.Pods.Count);
        Assert.Empty(world.PodNames.Intersect(before));
        Assert.Equal(4, world.CloneSet.Status!.UpdatedReplicas);
        Assert.Equal(TestCloneSets.RevisionName(world.CloneSet), world.CloneSet.Status.CurrentRevision);
    }

    [Fact]
    public void A_pass_that_scales_does_not_update()
    {
        var world = Running(2, s => s.MaxUnavailable = "100%");
        NewImage(world);
        world.Scale(3);
        world.HoldCommands = true;

        world.Step();        // creates the new revision
        world.ApplyHeld();
        var scaled = world.Step();

        Assert.Contains(scaled.Events, e => e is PodCreateRequested);
        Assert.DoesNotContain(scaled.Events, e => e is PodDeleteRequested);
    }

    [Fact]
    public void MinReadySeconds_holds_the_next_batch_until_updated_pods_are_available()
    {
        var world = new CloneSetWorld(TestCloneSets.New(2, spec =>
        {
            spec.MinReadySeconds = 30;
            spec.UpdateStrategy = new CloneSetUpdateStrategy { Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible, MaxUnavailable = 1 };
        }));
        world.Settle();
        world.Now += TimeSpan.FromMinutes(1);
        world.Settle();
        NewImage(world);

        world.Settle();
        Assert.Single(world.PodUpdates);

        world.Now += TimeSpan.FromSeconds(31);
        world.Settle();
        Assert.Equal(2, world.PodUpdates.Count);
    }
}
