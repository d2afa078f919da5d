using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class ScaleTests
{
    private static CloneSetWorld Running(int replicas, Action<CloneSetSpec>? configure = null)
    {
        var world = new CloneSetWorld(TestCloneSets.New(replicas, configure));
        world.Settle();
        return world;
    }

    private static List<int> CreateBatches(CloneSetWorld world)
    {
        var batches = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            var decision = world.Step();
            if (decision.Events.OfType<PodCreateRequested>().Count() is var created and > 0)
                batches.Add(created);
            else if (decision.Events.Count == 0 && decision.Commands.All(c => c is RecordEvent))
                break;
        }
        return batches;
    }

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(5, new[] { 1, 2, 2 })]
    [InlineData(10, new[] { 1, 2, 4, 3 })]
    [InlineData(20, new[] { 1, 2, 4, 8, 5 })]
    public void Scale_up_from_zero_goes_in_slow_start_batches(int replicas, int[] batches)
    {
        var world = new CloneSetWorld(TestCloneSets.New(replicas));

        Assert.Equal(batches, CreateBatches(world));
        Assert.Equal(replicas, world.Pods.Count);
    }

    [Fact]
    public void The_revision_exists_before_any_pod_is_created()
    {
        var world = new CloneSetWorld(TestCloneSets.New(3));

        var first = world.Step();

        Assert.Equal([$"create:ControllerRevision:{TestCloneSets.RevisionName(world.CloneSet)}"], first.Commands.Where(c => c is not ReplaceStatus).Select(c => c.Id));
        Assert.Empty(world.Pods);
        Assert.All(world.Step().Commands.OfType<CreateObject>(), c => Assert.Equal("Pod", c.Target.Kind));
    }

    [Fact]
    public void A_second_scale_up_starts_again_with_one_pod()
    {
        var world = Running(3);
        world.Scale(6);

        Assert.Equal([1, 2], CreateBatches(world));
        Assert.Single(world.Journaled<SlowStartReset>().Skip(1));
    }

    [Fact]
    public void Scale_down_removes_unscheduled_pending_and_not_ready_pods_first()
    {
        var world = Running(5);
        var names = world.PodNames;
        world.Pods[names[0]] = TestPods.Unscheduled(names[0]) with { Uid = world.Pods[names[0]].Uid, Labels = world.Pods[names[0]].Labels, OwnerUid = TestCloneSets.Uid };
        world.Pods[names[1]] = world.Pods[names[1]] with { Phase = "Pending", Ready = false, ReadySince = null };
        world.Pods[names[2]] = world.Pods[names[2]] with { Ready = false, ReadySince = null };
        world.Scale(2);

        var decision = world.Step();

        Assert.Equal(names.Take(3), decision.Events.OfType<PodDeleteRequested>().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(decision.Events.OfType<PodDeleteRequested>(), e => Assert.Equal(DeleteReasons.ScaleDown, e.Reason));
        Assert.Equal(names.Skip(3), world.PodNames);
    }

    [Fact]
    public void Scale_down_of_ready_pods_removes_the_most_recently_ready()
    {
        var world = Running(5);
        var names = world.PodNames;
        for (var i = 0; i < names.Count; i++)
            world.Pods[names[i]] = world.Pods[names[i]] with { ReadySince = TestPods.T0.AddMinutes(-10 + i), NodeName = $"node-{i}" };
        world.Scale(2);

        world.Step();

        Assert.Equal(names.Take(2), world.PodNames);
    }

    [Fact]
    public void Pods_to_delete_without_replica_change_are_replaced()
    {
        var world = Running(3);
        var victim = world.PodNames[1];
        world.Edit(spec => spec.ScaleStrategy = new CloneSetScaleStrategy { PodsToDelete = [victim] });

        var delete = world.Step();
        Assert.Equal([victim], delete.Events.OfType<PodDeleteRequested>().Select(e => e.Name));
        Assert.Equal(DeleteReasons.SpecifiedDelete, delete.Events.OfType<PodDeleteRequested>().Single().Reason);
        Assert.Empty(delete.Events.OfType<PodCreateRequested>());

        world.Settle();
        Assert.Equal(3, world.Pods.Count);
        Assert.DoesNotContain(victim, world.PodNames);
    }

    [Fact]
    public void Pods_to_delete_with_replicas_lowered_are_not_replaced()
    {
        var world = Running(3);
        var victim = world.PodNames[1];
        var keep = world.PodNames.Where(n => n != victim).ToList();
        world.Edit(spec =>
        {
            spec.Replicas = 2;
            spec.ScaleStrategy = new CloneSetScaleStrategy { PodsToDelete = [victim] };
        });

        world.Settle();

        Assert.Equal(keep, world.PodNames);
        Assert.Single(world.Journaled<PodDeleteRequested>());
    }

    [Fact]
    public void Specified_delete_label_deletes_and_replaces_the_pod()
    {
        var world = Running(3);
        var victim = world.PodNames[0];
        world.Pods[victim] = world.Pods[victim].WithLabel(CloneSet.SpecifiedDeleteLabel, "true");

        world.Settle();

        Assert.Equal(3, world.Pods.Count);
        Assert.DoesNotContain(victim, world.PodNames);
        Assert.Contains(world.KubeEvents, e => e.Reason == CloneSetKubeEvents.SuccessfulDelete && e.Message == $"succeed to delete pod {victim}");
    }

    [Fact]
    public void Scale_max_unavailable_holds_creates_while_new_pods_are_not_ready()
    {
        var world = new CloneSetWorld(TestCloneSets.New(5, spec => spec.ScaleStrategy = new CloneSetScaleStrategy { MaxUnavailable = "2" }));

        for (var i = 0; i < 6; i++)
            world.Step();

        Assert.Equal(2, world.Pods.Count);
        Assert.Contains(world.KubeEvents, e => e is { Type: RecordEvent.Warning, Reason: CloneSetKubeEvents.ScaleUpLimited }
            && e.Message == "scaleUp is limited because of scaleStrategy.maxUnavailable, limit: 0");

        world.Settle();
        Assert.Equal(5, world.Pods.Count);
    }

    [Fact]
    public void Ready_pods_are_deleted_no_faster_than_max_unavailable_allows()
    {
        var world = Running(5, spec => spec.UpdateStrategy = new CloneSetUpdateStrategy { MaxUnavailable = "1" });
        world.Edit(spec => spec.ScaleStrategy = new CloneSetScaleStrategy { PodsToDelete = [.. world.PodNames.Take(3)] });

        var decision = world.Step();

        Assert.Single(decision.Events.OfType<PodDeleteRequested>());
    }

    [Fact]
    public void Successful_creates_are_reported_as_OpenKruise_words_them()
    {
        var world = Running(2);

        Assert.Equal(world.PodNames.Select(n => $"succeed to create pod {n}"),
            world.KubeEvents.Where(e => e.Reason == CloneSetKubeEvents.SuccessfulCreate).Select(e => e.Message).Order(StringComparer.Ordinal));
        Assert.All(world.KubeEvents, e => Assert.Equal((ObjectRef.CloneSet("ns", "web"), TestCloneSets.Uid), (e.Target, e.TargetUid)));
    }

    [Fact]
    public void Created_pods_are_at_the_update_revision_and_owned()
    {
        var world = Running(2);

        Assert.All(world.PodBodies.Values, pod =>
        {
            Assert.Equal(TestCloneSets.RevisionName(world.CloneSet), pod.Metadata.Labels["controller-revision-hash"]);
            Assert.Equal(TestCloneSets.Uid, pod.Metadata.OwnerReferences.Single().Uid);
        });
    }

    [Fact]
    public void A_deleting_cloneset_creates_and_deletes_nothing()
    {
        var world = Running(2);
        world.CloneSet.Metadata.DeletionTimestamp = TestPods.T0.UtcDateTime;
        world.Scale(5);

        var decision = world.Step();

        Assert.DoesNotContain(decision.Commands, c => c is CreateObject or DeleteObject);
    }

    [Fact]
    public void A_large_clonesets_progress_counts_are_paced_and_its_settled_status_is_not()
    {
        var world = new CloneSetWorld(TestCloneSets.New(1000));
        var paced = new List<TimeSpan>();
        for (var i = 0; i < 40 && paced.Count < 3; i++)
        {
            var decision = world.Step();
            paced.AddRange(decision.Commands.OfType<ReplaceStatus>().Select(c => c.Pacing!.Interval));
            world.MakeAllReady();
        }
        world.Settle();
        var last = world.Sent.OfType<ReplaceStatus>().Last();

        // The first status (new generation) goes at once; counts on their way wait 1,000 x 10 ms.
        Assert.Equal(TimeSpan.Zero, paced[0]);
        Assert.Contains(TimeSpan.FromSeconds(10), paced);
        Assert.Equal(TimeSpan.Zero, last.Pacing!.Interval);
        Assert.Equal((1000, 1000), (world.CloneSet.Status!.ReadyReplicas, world.CloneSet.Status.Replicas));
    }

    [Theory]
    [InlineData(5, 50)]
    [InlineData(100, 1000)]
    [InlineData(5000, 10_000)]
    public void The_counts_interval_grows_with_replicas_up_to_ten_seconds(int replicas, int milliseconds)
    {
        var world = new CloneSetWorld(TestCloneSets.New(replicas));
        var intervals = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            intervals.AddRange(world.Step().Commands.OfType<ReplaceStatus>().Select(c => c.Pacing!.Interval));
            world.MakeAllReady();
        }

        Assert.Contains(TimeSpan.FromMilliseconds(milliseconds), intervals);
    }
}
