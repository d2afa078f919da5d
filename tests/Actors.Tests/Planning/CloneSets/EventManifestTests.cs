using System.Text.Json;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.IpSlots;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class EventManifestTests
{
    private static readonly CloneSetEvent[] All =
    [
        new CloneSetObserved("uid", "ns", "web"),
        new PodCreateRequested("web-abcde", "abcde", "web-7cd7c66f7c", TestPods.T0, 4, 2),
        new PodDeleteRequested("web-abcde", "pod-uid", DeleteReasons.ScaleDown, TestPods.T0),
        new PodPreDeleteRequested("web-abcde", "pod-uid", DeleteReasons.SpecifiedDelete, TestPods.T0),
        new PvcDeleteRequested("data-web-abcde", "pvc-uid", TestPods.T0),
        new RevisionCreateRequested("web-7cd7c66f7c", 3, TestPods.T0),
        new RevisionDeleteRequested("web-7cd7c66f7c", TestPods.T0),
        new IntentSatisfied(IntentKind.DeletePvc, "data-web-abcde"),
        new IntentReissued(IntentKind.CreatePod, "web-abcde", TestPods.T0),
        new IntentExpired(IntentKind.CreateRevision, "web-7cd7c66f7c"),
        new IntentFailed(IntentKind.DeletePod, "web-abcde", "forbidden", TestPods.T0),
        new RevisionCollisionDetected(2),
        new SlowStartReset(),
        new SpecRejected(3, "spec.replicas: must be non-negative"),
        new PodInPlaceUpdateRequested("web-fghij", "pod-uid-2", "web-7cd7c66f7c", TestPods.T0),
        new UpdateUnblocked(),
        new UpdateBlocked("web-7cd7c66f7c", "pod web-fghij cannot be updated in place", TestPods.T0),
        new IpSlotChanged(new IpSlotFact(IpSlotFactKind.Bound, "10.244.1.7", TestPods.T0, "10.244.1.7", "web-abcde", "pod-uid")),
        new IpSlotChanged(new IpSlotFact(IpSlotFactKind.Released, "10.244.1.7", TestPods.T0, Until: TestPods.T0.AddMinutes(5))),
        new IpSlotsCleared(),
    ];

    public static TheoryData<CloneSetEvent> Samples => new(All);

    // The journal depends on these strings: changing one breaks recovery of existing journals.
    [Fact]
    public void Manifests_are_short_stable_names()
    {
        Assert.Equal(
            ["cs.intent-expired", "cs.intent-failed", "cs.intent-reissued", "cs.intent-satisfied", "cs.ip-slot", "cs.ip-slots-cleared", "cs.observed", "cs.pod-create", "cs.pod-delete",
                "cs.pod-pre-delete", "cs.pod-update-inplace", "cs.pvc-delete", "cs.revision-collision", "cs.revision-create", "cs.revision-delete", "cs.slow-start-reset",
                "cs.spec-rejected", "cs.update-blocked", "cs.update-unblocked"],
            CloneSetEvents.Manifests.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("cs.state", CloneSetState.SnapshotManifest);
    }

    [Fact]
    public void Every_event_type_is_registered()
    {
        var eventTypes = typeof(CloneSetEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CloneSetEvent)) && !t.IsAbstract);

        Assert.Equal(eventTypes.OrderBy(t => t.Name), CloneSetEvents.Manifests.Values.OrderBy(t => t.Name));
        Assert.All(CloneSetEvents.Manifests, p => Assert.Equal(p.Key, CloneSetEvents.ManifestOf(p.Value)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Events_round_trip_through_json_by_manifest(CloneSetEvent e)
    {
        var type = CloneSetEvents.Manifests[CloneSetEvents.ManifestOf(e.GetType())];

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(e, e.GetType()), type);

        Assert.Equal(e, back);
        Assert.False(string.IsNullOrWhiteSpace(CloneSetEvents.Describe(e)));
    }

    [Fact]
    public void State_round_trips_through_json()
    {
        var state = CloneSetState.Empty.EvolveAll(All.Where(e => e is not IntentFailed)
            .Append(new PodCreateRequested("web-fghjk", "fghjk", "web-r", TestPods.T0, 9, 4))
            .Append(new IntentFailed(IntentKind.CreatePod, "web-abcde", "quota", TestPods.T0)));

        var back = JsonSerializer.Deserialize<CloneSetState>(JsonSerializer.Serialize(state))!;

        Assert.Equal(state.Intents.Values, back.Intents.Values);
        Assert.Equal(state, back);
        Assert.NotEqual(state, back with { NextIdSequence = 0 });
        Assert.Contains("\"CreatePod\"", JsonSerializer.Serialize(state), StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_keeps_what_each_event_says()
    {
        var state = CloneSetState.Empty.EvolveAll(
        [
            new CloneSetObserved("uid", "ns", "web"),
            new PodCreateRequested("web-a", "a", "web-r", TestPods.T0, 5, 2),
            new PodCreateRequested("web-b", "b", "web-r", TestPods.T0, 6, 2),
            new PodDeleteRequested("web-c", "uid-c", DeleteReasons.SpecifiedDelete, TestPods.T0),
            new IntentSatisfied(IntentKind.CreatePod, "web-a"),
            new IntentReissued(IntentKind.CreatePod, "web-b", TestPods.T0.AddSeconds(30)),
        ]);

        Assert.Equal(("uid", 6L, 4), (state.Uid, state.NextIdSequence, state.SlowStartBatch));
        Assert.Equal(["CreatePod/web-b", "DeletePod/web-c"], state.Intents.Keys);
        Assert.Equal((2, TestPods.T0.AddSeconds(30)), (state.Intents["CreatePod/web-b"].Attempts, state.Intents["CreatePod/web-b"].IssuedAt));
        Assert.Equal(CloneSetState.Empty with { Uid = "other", Namespace = "ns", Name = "web" }, state.Evolve(new CloneSetObserved("other", "ns", "web")));
    }
}
