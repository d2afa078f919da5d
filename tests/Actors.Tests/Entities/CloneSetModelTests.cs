using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Entities.CloneSets;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.InPlace;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Entities;

public sealed class CloneSetModelTests
{
    private static CloneSet Web(int replicas) => TestCloneSets.New(replicas);

    /// <summary>A running entity of a 1-replica CloneSet whose revision exists and whose pod create was sent but not yet seen.</summary>
    private static (CloneSetEntityHarness Entity, CreateObject PodCreate) CreateInFlight()
    {
        var entity = new CloneSetEntityHarness();
        var revision = entity.Start(Web(1))[^1].Commands.OfType<CreateObject>().Single();
        var decisions = entity.Apply([revision]);
        var podCreate = decisions.SelectMany(d => d.Commands).OfType<CreateObject>().Single(c => c.Target.Kind == "Pod");
        return (entity, podCreate);
    }

    [Theory]
    [InlineData("CloneSet")]
    [InlineData("Pod")]
    [InlineData("PersistentVolumeClaim")]
    [InlineData("ControllerRevision")]
    public void Nothing_is_decided_until_the_CloneSet_its_pods_pvcs_and_revisions_are_all_synced(string lastKind)
    {
        var entity = new CloneSetEntityHarness();
        Assert.True(entity.Feed(EntityRecovered.Instance).IsEmpty);
        Assert.True(entity.Feed(new ObjectObserved("CloneSet", Web(2))).IsEmpty);
        foreach (var kind in CloneSetEntityHarness.Kinds.Where(k => k != lastKind))
            Assert.True(entity.Feed(new ObservationsSynced(kind)).IsEmpty);

        var decision = entity.Feed(new ObservationsSynced(lastKind));

        Assert.Contains(decision.Events, e => e is RevisionCreateRequested);
        Assert.Contains(decision.Commands, c => c is CreateObject { Target.Kind: "ControllerRevision" });
    }

    [Fact]
    public void A_CloneSet_gets_its_pods_through_the_model_with_a_SuccessfulCreate_event_each()
    {
        var entity = new CloneSetEntityHarness();

        entity.Settle(entity.Start(Web(3))[^1]);

        var pods = entity.Pods;
        Assert.Equal(3, pods.Count);
        Assert.All(pods, pod =>
        {
            Assert.Matches("^web-[a-z0-9]{5}$", pod.Metadata.Name);
            Assert.Equal(TestCloneSets.Uid, Assert.Single(pod.Metadata.OwnerReferences, r => r.Controller == true).Uid);
            Assert.Contains(pod.Spec.ReadinessGates, g => g.ConditionType == "InPlaceUpdateReady");
        });
        Assert.Equal(3, entity.Journal.OfType<PodCreateRequested>().Count());
        Assert.Empty(entity.State.Intents);
    }

    [Fact]
    public void An_intent_not_yet_timed_out_is_not_sent_again_by_the_running_entity()
    {
        var (entity, _) = CreateInFlight();
        entity.Now += TimeSpan.FromSeconds(5);

        var decision = entity.Feed(WakeUp.Instance);

        Assert.DoesNotContain(decision.Commands, c => c is CreateObject);
    }

    [Fact]
    public void The_delivery_that_completes_a_new_incarnations_world_resends_every_pending_intent_at_once()
    {
        var (entity, podCreate) = CreateInFlight();
        entity.Now += TimeSpan.FromSeconds(5);

        var decision = entity.Restart();

        var resent = Assert.Single(decision.Commands.OfType<CreateObject>());
        Assert.Equal(podCreate.Target, resent.Target);
        Assert.Equal([new IntentReissued(IntentKind.CreatePod, podCreate.Target.Name, entity.Now)], decision.Events);
    }

    [Fact]
    public void A_refused_create_drops_its_intent_warns_and_the_planner_chooses_again_after_its_backoff()
    {
        var (entity, podCreate) = CreateInFlight();

        var decision = entity.Feed(new CommandOutcome(podCreate.Id, podCreate.Target, CommandStatus.Rejected, "quota exceeded"));

        Assert.IsType<IntentFailed>(Assert.Single(decision.Events));
        Assert.Contains(decision.Commands, c => c is RecordEvent { Type: RecordEvent.Warning, Reason: CloneSetKubeEvents.FailedCreate });
        Assert.DoesNotContain(decision.Commands, c => c is CreateObject);
        Assert.Equal(entity.Model.Options.FailureBackoff, decision.WakeAfter);

        entity.Now += entity.Model.Options.FailureBackoff;
        var retry = entity.Feed(WakeUp.Instance);
        var created = Assert.Single(retry.Events.OfType<PodCreateRequested>());
        Assert.NotEqual(podCreate.Target.Name, created.Name);
    }

    [Fact]
    public void A_status_write_that_failed_after_retries_is_decided_again_a_moment_later()
    {
        var (entity, _) = CreateInFlight();
        var status = new CommandOutcome("status:CloneSet:web@1", ObjectRef.CloneSet("ns", "web"), CommandStatus.Failed, "gave up after 5 attempts");

        var decision = entity.Feed(status);

        Assert.Empty(decision.Events);
        Assert.True(decision.WakeAfter <= entity.Model.Options.FailureBackoff);
    }

    [Fact]
    public void A_deleted_CloneSet_gives_up_its_pending_intents_and_stops()
    {
        var (entity, podCreate) = CreateInFlight();
        var cloneSet = entity.World.All<CloneSet>("CloneSet").Single();

        var decision = entity.Feed(new ObjectDeleted("CloneSet", cloneSet));

        Assert.True(decision.Passivate);
        Assert.Equal([new IntentExpired(IntentKind.CreatePod, podCreate.Target.Name)], decision.Events);
        Assert.Empty(decision.Commands);
        Assert.Empty(entity.State.Intents);
    }

    [Fact]
    public void An_entity_woken_by_a_pod_whose_CloneSet_is_gone_stops_without_writing_anything()
    {
        var entity = new CloneSetEntityHarness();
        var orphan = new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { Name = "web-abcde", NamespaceProperty = "ns", Uid = "p1" } };

        var decisions = entity.Start(null, [orphan]);

        Assert.All(decisions.SkipLast(1), d => Assert.False(d.Passivate));
        Assert.True(decisions[^1].Passivate);
        Assert.All(decisions, d => Assert.Empty(d.Events));
        Assert.All(decisions, d => Assert.Empty(d.Commands));
    }

    [Fact]
    public void A_CloneSet_being_deleted_keeps_its_entity()
    {
        var entity = new CloneSetEntityHarness();
        var deleting = Web(1);
        deleting.Metadata.DeletionTimestamp = TestPods.T0.UtcDateTime;

        Assert.All(entity.Start(deleting), d => Assert.False(d.Passivate));
    }

    [Fact]
    public void An_invalid_spec_is_reported_once_and_the_entity_keeps_deciding()
    {
        var entity = new CloneSetEntityHarness();
        var invalid = TestCloneSets.New(2, spec => spec.Template!.Metadata.Labels = new Dictionary<string, string> { ["app"] = "other" });

        var decision = entity.Start(invalid)[^1];

        Assert.Single(decision.Events.OfType<SpecRejected>());
        Assert.Contains(decision.Commands, c => c is RecordEvent { Type: RecordEvent.Warning, Reason: CloneSetKubeEvents.InvalidSpec });
        Assert.False(decision.Passivate);
        var again = entity.Feed(WakeUp.Instance);
        Assert.Empty(again.Events);
        Assert.DoesNotContain(again.Commands, c => c is RecordEvent or CreateObject);
        var fixedSpec = ObjectCopy.Clone(invalid);
        fixedSpec.Spec.Template!.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" };
        fixedSpec.Metadata.Generation = 2;
        Assert.Contains(entity.Feed(new ObjectObserved("CloneSet", fixedSpec)).Events, e => e is RevisionCreateRequested);
    }

    [Fact]
    public void In_place_updates_leave_the_model_as_messages_to_the_pod_entities_with_their_intents()
    {
        var entity = new CloneSetEntityHarness();
        entity.Settle(entity.Start(TestCloneSets.New(2, spec => spec.UpdateStrategy = new CloneSetUpdateStrategy
        {
            Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible,
            MaxUnavailable = "100%",
        }))[^1]);
        var edited = ObjectCopy.Clone(entity.World.All<CloneSet>("CloneSet").Single());
        edited.Spec.Template!.Spec.Containers[0].Image = "nginx:1.26";
        edited.Metadata.Generation = 2;

        var decisions = entity.Apply(entity.Feed(new ObjectObserved("CloneSet", edited)).Commands);

        var decision = Assert.Single(decisions, d => d.Messages.Count > 0);
        Assert.Equal(entity.Pods.Select(p => p.Metadata.Name), decision.Messages.Select(m => m.Target.Name).Order(StringComparer.Ordinal));
        Assert.All(decision.Messages, m =>
        {
            Assert.Equal(new EntityId(CloneSetModel.PodEntityKind, TestCloneSets.Namespace, m.Target.Name), m.Target);
            var update = Assert.IsType<UpdatePodInPlace>(m.Message);
            Assert.Equal(m.Target.Name, update.Pod);
            Assert.Equal("nginx:1.26", update.Spec.ContainerImages["nginx"]);
            Assert.Contains(decision.Events, e => e is PodInPlaceUpdateRequested r && r.Name == update.Pod);
        });
        Assert.Empty(decisions.SelectMany(d => d.Commands).OfType<DeleteObject>());
    }

    // Seconds from now of the planner's WakeAt (null: none); expected WakeAfter in seconds.
    [Theory]
    [InlineData(null, null)]
    [InlineData(30.0, 30.0)]
    [InlineData(0.25, 0.25)]
    [InlineData(0.0, 1.0)] // due now: no sooner than MinimumWake
    [InlineData(-45.0, 1.0)] // overdue (a passed progress deadline not yet observed in status)
    public void A_wake_up_is_asked_for_in_time_but_never_as_a_hot_loop(double? inSeconds, double? expected)
    {
        var now = TestPods.T0;

        var after = CloneSetModel.WakeAfter(inSeconds is { } s ? now.AddSeconds(s) : null, now);

        Assert.Equal(expected, after?.TotalSeconds);
    }

    [Fact]
    public void Only_CloneSet_events_evolve_its_state()
    {
        var model = new CloneSetModel();

        Assert.Equal("web", model.Evolve(CloneSetState.Empty, new CloneSetObserved("u", "ns", "web")).Name);
        Assert.Throws<ArgumentException>(() => model.Evolve(CloneSetState.Empty, "something else"));
    }
}
