using Kruise.Actors.Entities;
using Kruise.Actors.Journal;
using Kruise.Actors.Kube;
using Kruise.Actors.Persistence;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Entities;

/// <summary>What `run`, `up` and `events` get from the default catalog for CloneSets.</summary>
public sealed class CloneSetCatalogTests
{
    private static readonly CloneSetEvent[] Samples =
    [
        new CloneSetObserved("uid", "ns", "web"),
        new PodCreateRequested("web-abcde", "abcde", "web-7cd7c66f7c", TestPods.T0, 4, 2),
        new PodDeleteRequested("web-abcde", "pod-uid", DeleteReasons.ScaleDown, TestPods.T0),
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
    ];

    [Fact]
    public void The_default_catalog_runs_one_CloneSet_entity_per_CloneSet_seeing_what_it_controls()
    {
        var catalog = ControllerCatalog.CreateDefault();
        catalog.Validate();

        var kind = Assert.Single(catalog.Kinds, k => k.Name == "CloneSet");
        Assert.Same(WatchedResource.CloneSets, kind.Resource);
        Assert.Equal([WatchedResource.CloneSets, WatchedResource.Pods, WatchedResource.PersistentVolumeClaims, WatchedResource.ControllerRevisions], kind.Observes);
        Assert.Equal(typeof(CloneSetState), kind.StateType);
        Assert.True(KindNames.Matches(kind.Name, "cloneset", catalog));
        Assert.True(KindNames.Matches(kind.Name, "clone", catalog));
    }

    [Fact]
    public void Every_CloneSet_event_and_the_state_are_registered_under_their_manifests()
    {
        var events = ControllerCatalog.CreateDefault().Events;

        foreach (var (manifest, type) in CloneSetEvents.Manifests)
        {
            Assert.True(events.TryGetType(manifest, out var registered), manifest);
            Assert.Equal(type, registered);
        }
        Assert.True(events.TryGetManifest(typeof(CloneSetState), out var snapshot));
        Assert.Equal(CloneSetState.SnapshotManifest, snapshot);
    }

    [Fact]
    public void Events_round_trip_through_the_journal_codec_and_read_as_events_show_prints_them()
    {
        var codec = new EventCodec(ControllerCatalog.CreateDefault().Events);

        foreach (var e in Samples)
        {
            var manifest = codec.ManifestOf(e);
            Assert.Equal(CloneSetEvents.ManifestOf(e.GetType()), manifest);
            Assert.Equal(e, codec.Decode(codec.Encode(e), manifest));
            Assert.Equal(CloneSetEvents.Describe(e), codec.Registry.Summarize(e));
        }
        Assert.Equal("create pod web-abcde at web-7cd7c66f7c (batch of 2)", codec.Registry.Summarize(Samples[1]));
    }

    [Fact]
    public void The_state_snapshot_round_trips_through_the_journal_codec()
    {
        var codec = new EventCodec(ControllerCatalog.CreateDefault().Events);
        var state = CloneSetState.Empty.EvolveAll(Samples.Take(5).Append(new IntentFailed(IntentKind.CreatePod, "web-zzzzz", "quota", TestPods.T0)));

        var back = codec.Decode(codec.Encode(state), CloneSetState.SnapshotManifest);

        Assert.Equal(state, back);
        Assert.Equal(4, state.Intents.Count);
    }
}
