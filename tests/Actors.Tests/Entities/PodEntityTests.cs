using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Event;
using k8s.Models;
using Kruise.Actors.Entities.Pods;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Persistence;
using Kruise.Actors.Planning.InPlace;
using Kruise.Actors.Tests.Runtime;
using Xunit.Abstractions;

namespace Kruise.Actors.Tests.Entities;

/// <summary>
/// The pod entity over a real SQLite journal: each in-place step is journaled before its write,
/// and an entity stopped after any step resumes there, without repeating a write the pod shows made.
/// </summary>
public sealed class PodEntityTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Ns = "default";
    private const string Name = "web-abcde";
    private const string Uid = "uid-1";
    private static readonly EntityId Id = PodEntity.Id(Ns, Name);
    private readonly JournalFolder _journal;
    private readonly Akka.TestKit.TestProbe _gateway;

    public PodEntityTests(ITestOutputHelper output)
        : this(new JournalFolder(), output)
    {
    }

    private PodEntityTests(JournalFolder journal, ITestOutputHelper output)
        : base(Setup(journal), "pod-entity-tests", output)
    {
        _journal = journal;
        _gateway = CreateTestProbe("gateway");
    }

    private static ActorSystemSetup Setup(JournalFolder journal)
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = INFO\nakka.test.single-expect-default = 20s").WithFallback(PersistenceConfig.For(journal.Target));
        return BootstrapSetup.Create().WithConfig(config).And(EventSerializer.Setup(PodEntity.Register(new EventRegistry())));
    }

    private static UpdatePodInPlace Request(int grace = 0) => new(Ns, Name, Uid, new InPlaceUpdateSpec(
        "web-v2",
        new Dictionary<string, string> { ["app"] = "nginx:1.26" },
        new Dictionary<string, string?> { ["tier"] = "back" },
        new Dictionary<string, string?>(),
        []), grace, "CloneSet", "web");

    /// <summary>The pod as the API shows it at each point of the update.</summary>
    private static V1Pod Pod(string condition = "True", string revision = "web-v1", string image = "nginx:1.25", string imageId = "sha-old", int restarts = 0, string uid = Uid) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            NamespaceProperty = Ns,
            Uid = uid,
            Labels = new Dictionary<string, string> { ["controller-revision-hash"] = revision },
            OwnerReferences = [new V1OwnerReference { ApiVersion = "apps.kruise.io/v1alpha1", Kind = "CloneSet", Name = "web", Uid = "cs-1", Controller = true }],
        },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "app", Image = image }],
            ReadinessGates = [new V1PodReadinessGate { ConditionType = "InPlaceUpdateReady" }],
        },
        Status = new V1PodStatus
        {
            Conditions = [new V1PodCondition { Type = "InPlaceUpdateReady", Status = condition, Reason = condition == "False" ? "StartInPlaceUpdate" : null }],
            ContainerStatuses = [new V1ContainerStatus { Name = "app", Image = $"docker.io/library/{(imageId == "sha-old" ? "nginx:1.25" : image)}", ImageID = imageId, RestartCount = restarts, Ready = true }],
        },
    };

    private static V1Pod NotReady() => Pod(condition: "False");
    private static V1Pod PatchedPod() => Pod(condition: "False", revision: "web-v2", image: "nginx:1.26");
    private static V1Pod RunningPod(string condition = "False") => Pod(condition: condition, revision: "web-v2", image: "nginx:1.26", imageId: "sha-new", restarts: 1);

    private IActorRef Start(V1Pod? pod)
    {
        var context = new EntityContext(_gateway, NoObservationFeed.Instance, new ControllerMetrics(), TimeProvider.System, new HealthLog("journal", Logging.GetLogger(Sys, "test")));
        var entity = Sys.ActorOf(PodEntity.Kind().CreateProps(Id, context));
        // What the watcher re-delivers to a (re)started entity.
        if (pod is not null)
            entity.Tell(new ObjectObserved("Pod", pod));
        entity.Tell(new ObservationsSynced("Pod"));
        return entity;
    }

    private void Stop(IActorRef entity)
    {
        Watch(entity);
        Sys.Stop(entity);
        ExpectTerminated(entity);
    }

    private PodInPlaceState StateOf(IActorRef entity) => entity.Ask<PodInPlaceState>(GetEntityState.Instance, RemainingOrDefault).Result;

    private List<string> Journaled() =>
        [.. _journal.Query($"SELECT manifest FROM journal WHERE persistence_id = '{Id}' ORDER BY sequence_number").Select(r => (string)r["manifest"]!)];

    private PatchObject Expect(string id)
    {
        var write = _gateway.ExpectMsg<PatchObject>();
        Assert.Equal(id, write.Id);
        return write;
    }

    private void Done(KubeCommand command) => _gateway.Reply(new CommandOutcome(command.Id, command.Target, CommandStatus.Done));

    [Fact]
    public void An_update_takes_three_writes_each_journaled_before_it_is_sent()
    {
        var entity = Start(Pod());
        entity.Tell(Request());

        var notReady = Expect("inplace:not-ready:web-v2");
        Assert.Equal(["pod.inplace-requested"], Journaled());
        Done(notReady);
        var patch = Expect("inplace:patch:web-v2");
        Assert.Equal(["pod.inplace-requested", "pod.inplace-not-ready", "pod.inplace-patch"], Journaled());
        Assert.Contains("\"image\":\"nginx:1.26\"", patch.Patch, StringComparison.Ordinal);
        entity.Tell(NotReady());
        entity.Tell(Request()); // a repeat changes nothing
        Done(patch);
        entity.Tell(PatchedPodObserved());
        entity.Tell(new ObjectObserved("Pod", RunningPod()));
        var ready = Expect("inplace:ready:web-v2");
        Done(ready);
        entity.Tell(new ObjectObserved("Pod", RunningPod("True")));

        AwaitAssert(() => Assert.Null(StateOf(entity).Current));
        Assert.Equal(["pod.inplace-requested", "pod.inplace-not-ready", "pod.inplace-patch", "pod.inplace-patched", "pod.inplace-ready", "pod.inplace-completed"], Journaled());
        _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private static ObjectObserved PatchedPodObserved() => new("Pod", PatchedPod());

    public static TheoryData<string, bool, string?, string> Crashes => new()
    {
        // stopped after this write, did the write land, the write the new incarnation sends (null: none), the step it is at
        { "not-ready", false, "inplace:not-ready:web-v2", "Requested" },
        { "not-ready", true, "inplace:patch:web-v2", "Patched" },
        { "patch", false, "inplace:patch:web-v2", "Patched" },
        { "patch", true, null, "Patched" },
        { "ready", false, "inplace:ready:web-v2", "ReadyRequested" },
        { "ready", true, null, "done" },
    };

    [Theory]
    [MemberData(nameof(Crashes))]
    public void A_stopped_entity_resumes_at_its_step_without_repeating_a_write_the_pod_shows(string stopAfter, bool landed, string? resent, string step)
    {
        var entity = Start(Pod());
        entity.Tell(Request());
        var notReady = Expect("inplace:not-ready:web-v2");
        var podNow = landed ? NotReady() : Pod();
        if (stopAfter != "not-ready")
        {
            Done(notReady);
            Expect("inplace:patch:web-v2");
            podNow = landed ? PatchedPod() : NotReady();
            if (stopAfter == "ready")
            {
                entity.Tell(new ObjectObserved("Pod", RunningPod()));
                Expect("inplace:ready:web-v2");
                podNow = RunningPod(landed ? "True" : "False");
            }
        }
        var journaled = Journaled();
        Stop(entity); // no outcome arrived: the write may or may not have been made

        var again = Start(podNow);

        if (resent is null)
            _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        else
            Expect(resent);
        var state = StateOf(again);
        Assert.Equal(step, state.Current?.Step.ToString() ?? "done");
        // Nothing decided before the stop was journaled again.
        Assert.Equal(journaled, Journaled().Take(journaled.Count));
        Assert.Equal(1, Journaled().Count(m => m == "pod.inplace-requested"));
    }

    [Fact]
    public void A_grace_period_survives_a_restart_and_the_patch_follows_it()
    {
        var entity = Start(Pod());
        entity.Tell(Request(grace: 1));
        Done(Expect("inplace:not-ready:web-v2"));
        AwaitAssert(() => Assert.Equal(InPlaceStep.NotReady, StateOf(entity).Current?.Step));
        Stop(entity);

        var again = Start(NotReady());

        Expect("inplace:patch:web-v2");
        Assert.Equal(["pod.inplace-requested", "pod.inplace-not-ready", "pod.inplace-patch"], Journaled());
        Assert.Equal(InPlaceStep.Patched, StateOf(again).Current?.Step);
    }

    [Fact]
    public void A_recreated_pod_abandons_the_update_and_a_deleted_one_stops_the_entity()
    {
        var entity = Start(Pod());
        entity.Tell(Request());
        Done(Expect("inplace:not-ready:web-v2"));
        Expect("inplace:patch:web-v2");

        entity.Tell(new ObjectObserved("Pod", Pod(uid: "uid-2")));
        AwaitAssert(() => Assert.Null(StateOf(entity).Current));
        Assert.Equal("pod.inplace-abandoned", Journaled()[^1]);
        entity.Tell(Request()); // for the old uid: ignored
        entity.Tell(new ObjectDeleted("Pod", Pod(uid: "uid-2")));

        _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, Journaled().Count(m => m == "pod.inplace-requested"));
        Assert.Null(StateOf(entity).Current);
    }

    [Fact]
    public void A_request_before_the_pod_is_seen_waits_for_it_and_is_dropped_for_another_uid()
    {
        var context = new EntityContext(_gateway, NoObservationFeed.Instance, new ControllerMetrics(), TimeProvider.System, new HealthLog("journal", Logging.GetLogger(Sys, "test")));
        var entity = Sys.ActorOf(PodEntity.Kind().CreateProps(Id, context));
        entity.Tell(Request());
        AwaitAssert(() => Assert.Equal(["pod.inplace-requested"], Journaled()));
        _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        entity.Tell(new ObjectObserved("Pod", Pod(uid: "uid-other")));
        entity.Tell(new ObservationsSynced("Pod"));

        AwaitAssert(() => Assert.Equal(["pod.inplace-requested", "pod.inplace-abandoned"], Journaled()));
        _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _journal.Dispose();
    }
}
