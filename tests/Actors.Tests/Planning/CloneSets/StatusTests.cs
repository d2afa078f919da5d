using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Planning.Revisions;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class StatusTests
{
    private const string Update = "web-new";
    private const string Current = "web-old";
    private static readonly ActiveRevisions Revisions = new(Update, 2, RevisionAction.None, Current, 0, "new");

    private static CloneSetStatus Compute(int replicas, IReadOnlyList<ObservedPod> pods, Action<CloneSetSpec>? configure = null, ScaleFailure? failure = null)
    {
        var cloneSet = CloneSetDefaults.Apply(TestCloneSets.New(replicas, configure));
        cloneSet.Metadata.Generation = 7;
        return CloneSetStatusCalculator.Compute(cloneSet, pods, Revisions, failure, TestPods.T0);
    }

    [Fact]
    public void Counts_ready_available_and_updated_pods()
    {
        var pods = new[]
        {
            TestPods.Running("web-a", Update),
            TestPods.Running("web-b", Update, readyForSeconds: 5),
            TestPods.NotReady("web-c", Update),
            TestPods.Running("web-d", Current),
            TestPods.Running("web-e", Current) with { InPlaceUpdateReady = false },
        };

        var status = Compute(5, pods, spec => spec.MinReadySeconds = 10);

        Assert.Equal((5, 3, 2, 3, 2, 1), (status.Replicas, status.ReadyReplicas, status.AvailableReplicas, status.UpdatedReplicas, status.UpdatedReadyReplicas, status.UpdatedAvailableReplicas));
        Assert.Equal((7L, Update, Current, 0), (status.ObservedGeneration, status.UpdateRevision, status.CurrentRevision, status.CollisionCount));
        Assert.Equal("app=web", status.LabelSelector);
    }

    [Theory]
    [InlineData(null, 5)]
    [InlineData("2", 3)]
    [InlineData("40%", 3)]
    [InlineData("100%", 0)]
    public void Expected_updated_replicas_is_replicas_minus_partition(string? partition, int expected) =>
        Assert.Equal(expected, Compute(5, [], spec => spec.UpdateStrategy = new CloneSetUpdateStrategy { Partition = partition }).ExpectedUpdatedReplicas);

    [Fact]
    public void Update_revision_becomes_current_once_every_pod_runs_it_ready_or_not()
    {
        Assert.Equal(Update, Compute(2, [TestPods.Running("web-a", Update), TestPods.NotReady("web-b", Update)]).CurrentRevision);
        Assert.Equal(Current, Compute(3, [TestPods.Running("web-a", Update), TestPods.Running("web-b", Update)]).CurrentRevision);
        Assert.Equal(Current, Compute(2, [TestPods.Running("web-a", Update), TestPods.Running("web-b", Current)]).CurrentRevision);
    }

    [Fact]
    public void Last_refused_write_shows_as_failed_scale()
    {
        var status = Compute(1, [], failure: new ScaleFailure(IntentKind.DeletePod, "web-a", "forbidden", TestPods.T0));

        var condition = Assert.Single(status.Conditions!);
        Assert.Equal((CloneSetConditions.FailedScale, "True", "failed to delete pod web-a: forbidden"), (condition.Type, condition.Status, condition.Message));
    }

    [Fact]
    public void Progressing_condition_only_with_a_progress_deadline()
    {
        Assert.Null(Compute(1, [TestPods.Running("web-a", Update)]).Conditions);

        var available = Compute(1, [TestPods.Running("web-a", Update)], spec => spec.ProgressDeadlineSeconds = 600);
        Assert.Equal(("True", CloneSetConditions.Available), Single(available, CloneSetConditions.Progressing));

        var progressing = Compute(2, [TestPods.Running("web-a", Update)], spec => spec.ProgressDeadlineSeconds = 600);
        Assert.Equal(("True", CloneSetConditions.Updated), Single(progressing, CloneSetConditions.Progressing));

        var paused = Compute(2, [TestPods.Running("web-a", Update)], spec =>
        {
            spec.ProgressDeadlineSeconds = 600;
            spec.UpdateStrategy = new CloneSetUpdateStrategy { Paused = true };
        });
        Assert.Equal(("True", CloneSetConditions.Paused), Single(paused, CloneSetConditions.Progressing));
    }

    [Fact]
    public void Progress_deadline_passes_when_progressing_lasts_too_long()
    {
        var cloneSet = CloneSetDefaults.Apply(TestCloneSets.New(2, spec => spec.ProgressDeadlineSeconds = 60));
        cloneSet.Status = new CloneSetStatus
        {
            Conditions = [CloneSetConditions.New(CloneSetConditions.Progressing, "True", CloneSetConditions.Updated, "CloneSet is progressing", TestPods.T0.AddSeconds(-61))],
        };

        var status = CloneSetStatusCalculator.Compute(cloneSet, [TestPods.Running("web-a", Update)], Revisions, null, TestPods.T0);

        Assert.Equal(("False", CloneSetConditions.ProgressDeadlineExceeded), Single(status, CloneSetConditions.Progressing));
    }

    [Fact]
    public void Status_is_written_only_when_it_changed()
    {
        var world = new CloneSetWorld(TestCloneSets.New(2));
        world.Settle();

        var quiet = world.Step();
        Assert.DoesNotContain(quiet.Commands, c => c is ReplaceStatus);

        world.Pods[world.PodNames[0]] = world.Pods[world.PodNames[0]] with { Ready = false, ReadySince = null };
        var changed = world.Step();
        var write = Assert.Single(changed.Commands.OfType<ReplaceStatus>());
        Assert.Equal(1, Assert.IsType<CloneSet>(write.Body).Status!.ReadyReplicas);
    }

    [Fact]
    public void Status_after_scaling_reads_like_kubectl_get_cloneset()
    {
        var world = new CloneSetWorld(TestCloneSets.New(3));
        world.Settle();

        var status = world.CloneSet.Status!;
        var revision = TestCloneSets.RevisionName(world.CloneSet);
        Assert.Equal((3, 3, 3, 3, 3, 3, 3), (status.Replicas, status.ReadyReplicas, status.AvailableReplicas, status.UpdatedReplicas, status.UpdatedReadyReplicas, status.UpdatedAvailableReplicas, status.ExpectedUpdatedReplicas));
        Assert.Equal((revision, revision, 1L, "app=web"), (status.UpdateRevision, status.CurrentRevision, status.ObservedGeneration, status.LabelSelector));
    }

    [Fact]
    public void Available_replicas_follow_min_ready_seconds_and_the_entity_wakes_for_it()
    {
        var world = new CloneSetWorld(TestCloneSets.New(1, spec => spec.MinReadySeconds = 30));
        world.Settle();
        Assert.Equal((1, 0), (world.CloneSet.Status!.ReadyReplicas, world.CloneSet.Status.AvailableReplicas));

        var decision = world.Step();
        Assert.Equal(world.Now.AddSeconds(30).AddMilliseconds(1), decision.WakeAt);

        world.Now = decision.WakeAt!.Value;
        world.Step();
        Assert.Equal(1, world.CloneSet.Status.AvailableReplicas);
    }

    [Fact]
    public void Status_write_carries_the_observed_resource_version()
    {
        var world = new CloneSetWorld(TestCloneSets.New(1));
        world.Settle();
        world.Scale(2);
        var version = world.CloneSet.Metadata.ResourceVersion;

        var write = world.Step().Commands.OfType<ReplaceStatus>().Single();

        Assert.Equal(version, Assert.IsType<CloneSet>(write.Body).Metadata.ResourceVersion);
        Assert.Equal(ObjectRef.CloneSet("ns", "web"), write.Target);
    }

    private static (string Status, string? Reason) Single(CloneSetStatus status, string type)
    {
        var condition = Assert.Single(status.Conditions!, c => c.Type == type);
        return (condition.Status, condition.Reason);
    }

    // replicas, ready, available, updated, updated-ready, expected updated; whether only counts still on their way changed.
    [Theory]
    [InlineData(5, 3, 3, 5, 3, 5, true)] // pods turning ready
    [InlineData(5, 5, 5, 2, 2, 5, true)] // update under way
    [InlineData(4, 4, 4, 4, 4, 5, true)] // scaling out
    [InlineData(5, 5, 5, 5, 5, 5, false)] // settled: written at once
    [InlineData(5, 5, 5, 3, 3, 3, false)] // settled at a partition
    [InlineData(5, 5, 3, 5, 5, 5, true)] // waiting for minReadySeconds
    public void Only_counts_on_their_way_may_wait(int replicas, int ready, int available, int updated, int updatedReady, int expected, bool onlyCounts)
    {
        var observed = Counts(5, 0, 0, 0, 0, expected);
        var computed = Counts(replicas, ready, available, updated, updatedReady, expected);

        Assert.Equal(onlyCounts, CloneSetStatusCalculator.OnlyCountsProgressed(observed, computed, replicas: 5));
    }

    [Fact]
    public void Generation_revision_and_condition_changes_never_wait()
    {
        var observed = Counts(5, 0, 0, 0, 0, 5);
        Assert.False(CloneSetStatusCalculator.OnlyCountsProgressed(null, observed, 5));
        Assert.False(CloneSetStatusCalculator.OnlyCountsProgressed(observed, Counts(5, 1, 1, 0, 0, 5, s => s.ObservedGeneration = 8), 5));
        Assert.False(CloneSetStatusCalculator.OnlyCountsProgressed(observed, Counts(5, 1, 1, 0, 0, 5, s => s.UpdateRevision = "web-newer"), 5));
        Assert.False(CloneSetStatusCalculator.OnlyCountsProgressed(observed, Counts(5, 1, 1, 0, 0, 5, s => s.Conditions =
            [CloneSetConditions.New(CloneSetConditions.FailedScale, "True", null, "failed to create pod web-a: forbidden", TestPods.T0)]), 5));
    }

    private static CloneSetStatus Counts(int replicas, int ready, int available, int updated, int updatedReady, int expected, Action<CloneSetStatus>? change = null)
    {
        var status = new CloneSetStatus
        {
            ObservedGeneration = 7,
            Replicas = replicas,
            ReadyReplicas = ready,
            AvailableReplicas = available,
            UpdatedReplicas = updated,
            UpdatedReadyReplicas = updatedReady,
            UpdatedAvailableReplicas = Math.Min(available, updatedReady),
            ExpectedUpdatedReplicas = expected,
            UpdateRevision = Update,
            CurrentRevision = Current,
            CollisionCount = 0,
            LabelSelector = "app=web",
        };
        change?.Invoke(status);
        return status;
    }
}
