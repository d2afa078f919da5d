using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class UpdateSelectorTests
{
    private const string Update = "web-rev2";

    /// <summary>
    /// A row: spec knobs, pods as tokens, pending creates, then the pods chosen, in order.
    /// A token is a letter (pod web-&lt;letter&gt;, all ready equally long unless flagged) and flags:
    /// u = at the update revision (else the old one), ! = running but not ready, ? = pending,
    /// _ = unscheduled, n = ready for only 5s, r = restarted, x = specified for deletion,
    /// p = in PreparingDelete, m = being updated in place, h = lifecycle PreparingUpdate.
    /// Pending creates: u or o per create.
    /// </summary>
    public sealed record Row(
        string Case, int Replicas, string Pods, string Expected, string Pending = "", string? MaxUnavailable = null, string? MaxSurge = null,
        string? Partition = null, bool Paused = false, int MinReadySeconds = 0);

    public static TheoryData<Row> Rows => new()
    {
        new("default 20% of 5 rounds up to one pod", 5, "a b c d e", "a"),
        new("maxUnavailable 2", 5, "a b c d e", "a b", MaxUnavailable: "2"),
        new("maxUnavailable 50% of 4", 4, "a b c d", "a b", MaxUnavailable: "50%"),
        new("maxUnavailable 100% updates all at once", 4, "a b c d", "a b c d", MaxUnavailable: "100%"),
        new("partition 3 of 5 updates two", 5, "a b c d e", "a b", MaxUnavailable: "100%", Partition: "3"),
        new("partition 50% of 5 keeps three", 5, "a b c d e", "a b", MaxUnavailable: "100%", Partition: "50%"),
        new("partition 99% of 5 still updates one", 5, "a b c d e", "a", MaxUnavailable: "100%", Partition: "99%"),
        new("partition 100% updates none", 5, "a b c d e", "", MaxUnavailable: "100%", Partition: "100%"),
        new("partition reached", 5, "au bu c d e", "", MaxUnavailable: "100%", Partition: "3"),
        new("partition partly reached", 5, "au b c d e", "b", MaxUnavailable: "100%", Partition: "3"),
        new("all updated", 3, "au bu cu", ""),
        new("paused updates nothing", 5, "a b c d e", "", MaxUnavailable: "100%", Paused: true),
        new("not-ready pods first and free", 5, "a b c! d e", "c", MaxUnavailable: "1"),
        new("unscheduled, then pending, then not ready", 6, "a b! c? d_ e f", "d c b a", MaxUnavailable: "4"),
        new("ready for less time first", 3, "a b cn", "c", MaxUnavailable: "1"),
        new("more restarts first", 3, "a br c", "b", MaxUnavailable: "1"),
        new("unavailable pod at the update revision blocks", 5, "au! b c d e", "", MaxUnavailable: "1"),
        new("updating an unavailable old pod costs nothing more", 5, "a! b c d e", "a b", MaxUnavailable: "2"),
        new("an unavailable old pod leaves no room for ready ones at 1", 5, "a! b c d e", "a", MaxUnavailable: "1"),
        new("unavailable updated pod leaves room for one", 5, "au! b c d e", "b", MaxUnavailable: "2"),
        new("pod updating in place counts as unavailable", 5, "am b c d e", "", MaxUnavailable: "1"),
        new("pod updating in place is not chosen again", 5, "am b c d e", "b", MaxUnavailable: "2"),
        new("pending create at the update revision counts", 5, "a b c d", "", Pending: "u", MaxUnavailable: "1"),
        new("minReadySeconds: recently ready updated pod still unavailable", 3, "aun b c", "", MaxUnavailable: "1", MinReadySeconds: 30),
        new("minReadySeconds: recently ready old pod is free to update", 3, "an b c", "a", MaxUnavailable: "1", MinReadySeconds: 30),
        new("specified-delete and preparing-delete pods are skipped", 4, "ax bp c d", "c d", MaxUnavailable: "100%"),
        new("PreparingUpdate pods go first", 4, "a b ch d", "c", MaxUnavailable: "1"),
        new("surge: nothing before the surge pod is available", 4, "a b c d", "", Pending: "u", MaxUnavailable: "0", MaxSurge: "1"),
        new("surge: one old pod once the surge pod is available", 4, "a b c d eu", "a", MaxUnavailable: "0", MaxSurge: "1"),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Chooses_the_pods_OpenKruise_would_update_next(Row row)
    {
        var cloneSet = TestCloneSets.New(row.Replicas, s =>
        {
            s.MinReadySeconds = row.MinReadySeconds;
            s.UpdateStrategy = new CloneSetUpdateStrategy
            {
                MaxUnavailable = row.MaxUnavailable, MaxSurge = row.MaxSurge, Partition = row.Partition, Paused = row.Paused,
            };
        });
        var spec = CloneSetDefaults.Apply(cloneSet).Spec;
        var tokens = row.Pods.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pods = tokens.Select(Pod).ToList();
        var updating = tokens.Where(t => t.Contains('m', StringComparison.Ordinal)).Select(t => $"web-{t[0]}").ToHashSet();
        var pending = row.Pending.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => c == "u" ? Update : "web-rev1").ToList();
        var diff = CloneSetDiff.Calculate(spec, pods, pending, Update, TestPods.T0);

        var chosen = CloneSetUpdateSelector.Choose(spec, diff, pods, Update, updating, pending, TestPods.T0);

        Assert.Equal(row.Expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => $"web-{n}"), chosen.Select(p => p.Name));
    }

    [Fact]
    public void Weight_priority_updates_heavier_pods_first_and_sums_matching_terms()
    {
        var strategy = new CloneSetUpdateStrategy
        {
            PriorityStrategy = new UpdatePriorityStrategy
            {
                WeightPriority =
                [
                    new UpdatePriorityWeightTerm { Weight = 50, MatchSelector = new() { MatchLabels = new Dictionary<string, string> { ["zone"] = "a" } } },
                    new UpdatePriorityWeightTerm { Weight = 30, MatchSelector = new() { MatchLabels = new Dictionary<string, string> { ["canary"] = "yes" } } },
                ],
            },
        };
        var pods = new[]
        {
            TestPods.Running("web-a"),
            TestPods.Running("web-b").WithLabel("canary", "yes"),
            TestPods.Running("web-c").WithLabel("zone", "a"),
            TestPods.Running("web-d").WithLabel("zone", "a").WithLabel("canary", "yes"),
            TestPods.NotReady("web-e"),
        };

        var order = CloneSetUpdateSelector.Sort(strategy, pods, pods, TestPods.T0);

        // 80, 50, 30, then the unweighted ones in default order (not ready first).
        Assert.Equal(["web-d", "web-c", "web-b", "web-e", "web-a"], order.Select(p => p.Name));
    }

    [Fact]
    public void Order_priority_updates_larger_values_of_the_first_key_first()
    {
        var strategy = new CloneSetUpdateStrategy
        {
            PriorityStrategy = new UpdatePriorityStrategy { OrderPriority = [new() { OrderedKey = "key1" }, new() { OrderedKey = "key2" }] },
        };
        var pods = new[]
        {
            TestPods.Running("web-a").WithLabel("key2", "o-20"),
            TestPods.Running("web-b").WithLabel("key1", "o-5"),
            TestPods.Running("web-c").WithLabel("key1", "o-10"),
            TestPods.Running("web-d").WithLabel("key2", "o-30"),
        };

        var order = CloneSetUpdateSelector.Sort(strategy, pods, pods, TestPods.T0);

        Assert.Equal(["web-c", "web-b", "web-d", "web-a"], order.Select(p => p.Name));
    }

    [Theory]
    [InlineData("o-10", 10)]
    [InlineData("42", 42)]
    [InlineData("v1.2", 2)]
    [InlineData("abc", 0)]
    [InlineData("", 0)]
    [InlineData("x-99999999999999999999", 0)]
    public void Order_values_read_the_integer_suffix(string value, long expected) =>
        Assert.Equal(expected, UpdatePriority.IntegerSuffix(value));

    [Fact]
    public void Scatter_spreads_matching_pods_through_the_order()
    {
        var strategy = new CloneSetUpdateStrategy { ScatterStrategy = [new UpdateScatterTerm { Key = "zone", Value = "x" }] };
        var pods = "abcdefgh".Select(c => c is 'a' or 'b' or 'c' ? TestPods.Running($"web-{c}").WithLabel("zone", "x") : TestPods.Running($"web-{c}")).ToList();

        var order = CloneSetUpdateSelector.Sort(strategy, pods, pods, TestPods.T0);

        Assert.Equal(["web-a", "web-d", "web-e", "web-f", "web-b", "web-g", "web-h", "web-c"], order.Select(p => p.Name));
    }

    [Fact]
    public void Scatter_leaves_the_order_alone_when_one_side_has_a_single_pod()
    {
        var strategy = new CloneSetUpdateStrategy { ScatterStrategy = [new UpdateScatterTerm { Key = "zone", Value = "x" }] };
        var pods = "abcd".Select(c => c == 'a' ? TestPods.Running($"web-{c}").WithLabel("zone", "x") : TestPods.Running($"web-{c}")).ToList();

        var order = CloneSetUpdateSelector.Sort(strategy, pods, pods, TestPods.T0);

        Assert.Equal(["web-a", "web-b", "web-c", "web-d"], order.Select(p => p.Name));
    }

    [Fact]
    public void Scatter_with_several_terms_applies_the_one_matching_more_pods_first()
    {
        var strategy = new CloneSetUpdateStrategy
        {
            ScatterStrategy = [new UpdateScatterTerm { Key = "zone", Value = "y" }, new UpdateScatterTerm { Key = "zone", Value = "x" }],
        };
        var pods = new[]
        {
            TestPods.Running("web-a").WithLabel("zone", "x"),
            TestPods.Running("web-b").WithLabel("zone", "x"),
            TestPods.Running("web-c").WithLabel("zone", "x"),
            TestPods.Running("web-d").WithLabel("zone", "y"),
            TestPods.Running("web-e").WithLabel("zone", "y"),
            TestPods.Running("web-f"),
        };

        var order = CloneSetUpdateSelector.Sort(strategy, pods, pods, TestPods.T0);

        // zone=x (3 pods) spreads first: a d e b f c; then zone=y re-spreads d and e over that order.
        Assert.Equal(["web-d", "web-a", "web-b", "web-f", "web-c", "web-e"], order.Select(p => p.Name));
    }

    private static ObservedPod Pod(string token)
    {
        var name = $"web-{token[0]}";
        var flags = token[1..];
        var revision = flags.Contains('u', StringComparison.Ordinal) ? Update : "web-rev1";
        var pod = TestPods.Running(name, revision);
        if (flags.Contains('!', StringComparison.Ordinal))
            pod = TestPods.NotReady(name, revision);
        if (flags.Contains('?', StringComparison.Ordinal))
            pod = TestPods.Pending(name, revision);
        if (flags.Contains('_', StringComparison.Ordinal))
            pod = TestPods.Unscheduled(name, revision);
        if (flags.Contains('n', StringComparison.Ordinal))
            pod = pod with { ReadySince = TestPods.T0.AddSeconds(-5) };
        if (flags.Contains('r', StringComparison.Ordinal))
            pod = pod with { MaxRestarts = 3 };
        if (flags.Contains('x', StringComparison.Ordinal))
            pod = pod.WithLabel(CloneSet.SpecifiedDeleteLabel, "true");
        if (flags.Contains('p', StringComparison.Ordinal))
            pod = pod.WithLabel(LifecycleStates.Label, LifecycleStates.PreparingDelete);
        if (flags.Contains('h', StringComparison.Ordinal))
            pod = pod.WithLabel(LifecycleStates.Label, LifecycleStates.PreparingUpdate);
        return pod;
    }
}
