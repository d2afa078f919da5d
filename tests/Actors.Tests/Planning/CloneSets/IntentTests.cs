using k8s.Models;
using System.Text.Json;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class IntentTests
{
    private static readonly TimeSpan Timeout = CloneSetPlannerOptions.Default.IntentTimeout;

    /// <summary>A world whose revision exists and whose next step creates one pod, with commands held.</summary>
    private static CloneSetWorld AboutToCreate(int replicas = 1)
    {
        var world = new CloneSetWorld(TestCloneSets.New(replicas));
        world.Step();
        world.HoldCommands = true;
        return world;
    }

    private static List<string> CreatedPodNames(CloneSetDecision decision) =>
        decision.Commands.OfType<CreateObject>().Where(c => c.Target.Kind == "Pod").Select(c => c.Target.Name).ToList();

    [Fact]
    public void A_create_is_journaled_as_an_intent_in_the_same_decision_as_its_command()
    {
        var world = AboutToCreate();

        var decision = world.Step();

        var requested = Assert.Single(decision.Events.OfType<PodCreateRequested>());
        Assert.Equal([requested.Name], CreatedPodNames(decision));
        Assert.NotNull(world.State.FindIntent(IntentKind.CreatePod, requested.Name));
    }

    [Fact]
    public void An_unobserved_intent_is_not_sent_again_before_its_timeout()
    {
        var world = AboutToCreate();
        world.Step();
        world.Now += Timeout - TimeSpan.FromSeconds(1);

        var decision = world.Step();

        Assert.Empty(CreatedPodNames(decision));
        Assert.Empty(decision.Events.OfType<PodCreateRequested>());
        Assert.Equal(TestPods.T0 + Timeout, decision.WakeAt);
    }

    [Fact]
    public void A_timed_out_create_is_sent_again_under_the_same_name()
    {
        var world = AboutToCreate();
        var name = world.Step().Events.OfType<PodCreateRequested>().Single().Name;
        world.Held.Clear(); // the command was lost
        world.Now += Timeout;

        var decision = world.Step();

        Assert.Equal([name], CreatedPodNames(decision));
        Assert.Equal([new IntentReissued(IntentKind.CreatePod, name, world.Now)], decision.Events.OfType<IntentReissued>());
        Assert.Empty(decision.Events.OfType<PodCreateRequested>());
        Assert.Equal(2, world.State.FindIntent(IntentKind.CreatePod, name)!.Attempts);
    }

    [Fact]
    public void A_timed_out_delete_is_sent_again_for_the_same_pod_incarnation()
    {
        var world = new CloneSetWorld(TestCloneSets.New(2));
        world.Settle();
        world.HoldCommands = true;
        world.Scale(1);
        var requested = world.Step().Events.OfType<PodDeleteRequested>().Single();
        world.Held.Clear();
        world.Now += Timeout;

        var decision = world.Step();

        var delete = Assert.Single(decision.Commands.OfType<DeleteObject>());
        Assert.Equal((requested.Name, requested.Uid), (delete.Target.Name, delete.Uid));
        Assert.Empty(decision.Events.OfType<PodDeleteRequested>());
    }

    [Fact]
    public void An_intent_is_cleared_when_the_watch_shows_it_done()
    {
        var world = AboutToCreate();
        var name = world.Step().Events.OfType<PodCreateRequested>().Single().Name;
        world.ApplyHeld();

        var decision = world.Step();

        Assert.Contains(new IntentSatisfied(IntentKind.CreatePod, name), decision.Events);
        Assert.Empty(world.State.Intents);
    }

    [Fact]
    public void A_delete_is_done_once_the_pod_is_terminating()
    {
        var world = new CloneSetWorld(TestCloneSets.New(2));
        world.Settle();
        world.HoldCommands = true;
        world.Scale(1);
        var name = world.Step().Events.OfType<PodDeleteRequested>().Single().Name;
        world.Pods[name] = world.Pods[name] with { Deleting = true };

        var decision = world.Step();

        Assert.Contains(new IntentSatisfied(IntentKind.DeletePod, name), decision.Events);
        Assert.DoesNotContain(decision.Events, e => e is PodCreateRequested or PodDeleteRequested);
    }

    [Fact]
    public void While_a_batch_is_in_flight_no_more_pods_are_requested()
    {
        var world = AboutToCreate(replicas: 5);
        world.Step();

        for (var i = 0; i < 3; i++)
            Assert.Empty(world.Step().Events.OfType<PodCreateRequested>());
        Assert.Single(world.State.IntentsOf(IntentKind.CreatePod));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_recovered_entity_resends_its_pending_creates_and_never_duplicates_them(bool commandReachedTheApi)
    {
        var world = AboutToCreate(replicas: 3);
        world.Step();
        world.ApplyHeld();
        world.Step(); // batch of 2 requested, commands held
        var pending = world.State.IntentsOf(IntentKind.CreatePod).Select(i => i.Name).Order(StringComparer.Ordinal).ToList();
        if (commandReachedTheApi)
            world.ApplyHeld();
        world.Held.Clear();

        // Crash: a new incarnation folds the journal; the watch may not show the pods yet.
        var recovered = CloneSetState.Empty.EvolveAll(world.Journal);
        var watchLagging = world.Observation() with { Pods = world.Pods.Values.Where(p => !pending.Contains(p.Name)).ToList() };
        var decision = CloneSetDecider.Resume(recovered, watchLagging, world.Now);

        Assert.Equal(pending, CreatedPodNames(decision).Order(StringComparer.Ordinal));
        Assert.Empty(decision.Events.OfType<PodCreateRequested>());
        Assert.Equal(2, decision.Events.OfType<IntentReissued>().Count());
    }

    [Fact]
    public void A_recovered_entity_that_sees_everything_done_just_clears_its_intents()
    {
        var world = AboutToCreate(replicas: 1);
        world.Step();
        world.ApplyHeld();
        var recovered = CloneSetState.Empty.EvolveAll(world.Journal);

        var decision = CloneSetDecider.Resume(recovered, world.Observation(), world.Now);

        Assert.Single(decision.Events.OfType<IntentSatisfied>());
        Assert.DoesNotContain(decision.Commands, c => c is CreateObject or DeleteObject);
    }

    [Fact]
    public void Recovery_through_a_json_snapshot_decides_exactly_as_the_live_state()
    {
        var world = AboutToCreate(replicas: 4);
        world.Step();
        world.ApplyHeld();
        world.Step();
        var snapshot = JsonSerializer.Deserialize<CloneSetState>(JsonSerializer.Serialize(world.State))!;
        world.Now += Timeout;

        var live = CloneSetDecider.Decide(world.State, world.Observation(), world.Now);
        var restored = CloneSetDecider.Decide(snapshot, world.Observation(), world.Now);

        Assert.Equal(live.Events, restored.Events);
        Assert.Equal(live.Commands.Select(c => c.Id), restored.Commands.Select(c => c.Id));
        Assert.Equal(world.State.NextIdSequence, snapshot.NextIdSequence);
    }

    [Fact]
    public void An_intent_sent_too_often_is_given_up_and_a_new_name_chosen()
    {
        // A pod of that name exists but is not ours, so the create never shows up in our watch.
        var world = AboutToCreate();
        world.HoldCommands = false;
        world.Api = c => c is CreateObject { Target.Kind: "Pod" } ? new CommandOutcome(c.Id, c.Target, CommandStatus.AlreadyExists) : null;
        var first = world.Step().Events.OfType<PodCreateRequested>().Single().Name;
        for (var i = 1; i < CloneSetPlannerOptions.Default.MaxIntentAttempts; i++)
        {
            world.Now += Timeout;
            world.Step();
        }
        world.Now += Timeout;

        var decision = world.Step();

        Assert.Contains(new IntentExpired(IntentKind.CreatePod, first), decision.Events);
        var next = Assert.Single(decision.Events.OfType<PodCreateRequested>());
        Assert.NotEqual(first, next.Name);
    }

    [Fact]
    public void A_refused_create_drops_its_intent_reports_it_and_backs_off()
    {
        var world = AboutToCreate(replicas: 3);
        world.HoldCommands = false;
        var refuse = true;
        world.Api = c => refuse && c is CreateObject { Target.Kind: "Pod" } ? new CommandOutcome(c.Id, c.Target, CommandStatus.Rejected, "exceeded quota: pods=2") : null;

        var name = world.Step().Events.OfType<PodCreateRequested>().Single().Name;

        Assert.Empty(world.State.Intents);
        Assert.Equal(1, world.State.SlowStartBatch);
        var warning = Assert.Single(world.KubeEvents, e => e.Reason == CloneSetKubeEvents.FailedCreate);
        Assert.Equal((RecordEvent.Warning, $"failed to create pod {name}: exceeded quota: pods=2"), (warning.Type, warning.Message));

        var waiting = world.Step();
        Assert.Empty(waiting.Events.OfType<PodCreateRequested>());
        Assert.Equal(TestPods.T0 + CloneSetPlannerOptions.Default.FailureBackoff, waiting.WakeAt);
        var condition = Assert.Single(world.CloneSet.Status!.Conditions!, c => c.Type == CloneSetConditions.FailedScale);
        Assert.Equal(("True", $"failed to create pod {name}: exceeded quota: pods=2"), (condition.Status, condition.Message));

        refuse = false;
        world.Now += CloneSetPlannerOptions.Default.FailureBackoff;
        world.Settle();
        Assert.Equal(3, world.Pods.Count);
        Assert.DoesNotContain(world.CloneSet.Status.Conditions ?? [], c => c.Type == CloneSetConditions.FailedScale);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(20, 300)]
    public void Backoff_doubles_per_refusal_up_to_five_minutes(int failures, int seconds)
    {
        var state = CloneSetState.Empty with { ConsecutiveFailures = failures, LastFailure = new ScaleFailure(IntentKind.CreatePod, "web-a", "no", TestPods.T0) };

        Assert.Equal(TestPods.T0.AddSeconds(seconds), CloneSetDecider.BackoffUntil(state, CloneSetPlannerOptions.Default));
    }

    [Fact]
    public void A_refused_revision_is_retried_after_the_backoff_not_on_every_decision()
    {
        var world = new CloneSetWorld(TestCloneSets.New(1))
        {
            Api = c => c.Target.Kind == "ControllerRevision" ? new CommandOutcome(c.Id, c.Target, CommandStatus.Rejected, "quota") : null,
        };
        world.Step();
        Assert.Single(world.Journaled<IntentFailed>());

        var again = world.Step();

        Assert.DoesNotContain(again.Commands, c => c.Target.Kind == "ControllerRevision");
        Assert.Equal(TestPods.T0 + CloneSetPlannerOptions.Default.FailureBackoff, again.WakeAt);
        world.Api = null;
        world.Now = again.WakeAt!.Value;
        world.Settle();
        Assert.Single(world.Pods);
    }

    [Fact]
    public void A_create_left_without_an_answer_is_sent_again_under_the_same_name_never_a_new_one()
    {
        // Under load the create may have gone through after the gateway gave up: a new name would double the pod.
        var world = new CloneSetWorld(TestCloneSets.New(1));
        world.Step();
        world.Api = c => c is CreateObject { Body: V1Pod } ? new CommandOutcome(c.Id, c.Target, CommandStatus.Failed, "gave up after 5 attempts: no answer within 30s") : null;
        world.Step();
        var name = Assert.Single(world.Journaled<PodCreateRequested>()).Name;
        Assert.Empty(world.Journaled<IntentFailed>());
        Assert.Contains(world.KubeEvents, e => e.Reason == CloneSetKubeEvents.FailedCreate && e.Message.Contains("sent again under the same name", StringComparison.Ordinal));

        world.Step();
        Assert.Single(world.Journaled<PodCreateRequested>());

        world.Api = null;
        world.Now += world.Options.IntentTimeout;
        world.Settle();
        Assert.Equal([name], world.PodNames);
        Assert.Single(world.Journaled<PodCreateRequested>());
    }

    [Fact]
    public void A_refused_delete_is_reported_and_chosen_again_later()
    {
        var world = new CloneSetWorld(TestCloneSets.New(2));
        world.Settle();
        world.Api = c => c is DeleteObject { Target.Kind: "Pod" } ? new CommandOutcome(c.Id, c.Target, CommandStatus.Rejected, "denied by PodUnavailableBudget") : null;
        world.Scale(1);

        var name = world.Step().Events.OfType<PodDeleteRequested>().Single().Name;

        Assert.Empty(world.State.Intents);
        Assert.Contains(world.KubeEvents, e => e.Reason == CloneSetKubeEvents.FailedDelete && e.Message == $"failed to delete pod {name}: denied by PodUnavailableBudget");
        world.Api = null;
        world.Now += TimeSpan.FromSeconds(1);
        world.Settle();
        Assert.Single(world.Pods);
    }

    [Fact]
    public void Outcomes_that_only_mean_observe_again_change_nothing()
    {
        var world = AboutToCreate();
        var name = world.Step().Events.OfType<PodCreateRequested>().Single().Name;

        foreach (var status in new[] { CommandStatus.AlreadyExists, CommandStatus.Conflict })
        {
            var decision = CloneSetDecider.OnOutcome(world.State, new CommandOutcome($"create:Pod:{name}", Kruise.Actors.Kube.ObjectRef.Pod("ns", name), status), world.Now);
            Assert.Empty(decision.Events);
            Assert.Empty(decision.Commands);
        }
    }

    [Fact]
    public void Nothing_is_decided_before_the_watches_have_synced_or_when_the_cloneset_is_gone()
    {
        var world = new CloneSetWorld(TestCloneSets.New(3));

        Assert.True(CloneSetDecider.Decide(CloneSetState.Empty, world.Observation() with { Synced = false }, world.Now).IsEmpty);
        Assert.True(CloneSetDecider.Decide(CloneSetState.Empty, world.Observation() with { CloneSet = null }, world.Now).IsEmpty);
    }

    [Fact]
    public void A_recreated_cloneset_of_the_same_name_starts_from_a_clean_state()
    {
        var world = AboutToCreate();
        var oldPod = world.Step().Events.OfType<PodCreateRequested>().Single().Name;
        world.Held.Clear();
        var recreated = TestCloneSets.New(1);
        recreated.Metadata.Uid = "another-uid";
        world.CloneSet = recreated;
        world.Revisions.Clear();

        world.Step();

        Assert.Equal("another-uid", world.State.Uid);
        Assert.Null(world.State.FindIntent(IntentKind.CreatePod, oldPod));
        Assert.Equal(0, world.State.NextIdSequence);
    }

    [Fact]
    public void Pods_of_another_owner_are_ignored()
    {
        var world = new CloneSetWorld(TestCloneSets.New(2));
        world.Settle();
        world.Pods["web-zzzzz"] = TestPods.Running("web-zzzzz") with { OwnerUid = "someone-else" };

        world.Settle();

        Assert.Equal(2, world.Pods.Values.Count(p => p.OwnerUid == TestCloneSets.Uid));
        Assert.Empty(world.Journaled<PodDeleteRequested>());
    }
}
