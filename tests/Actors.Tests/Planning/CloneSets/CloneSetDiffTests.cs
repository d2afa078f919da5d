using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class CloneSetDiffTests
{
    private const string Update = "web-new";
    private const string Current = "web-old";

    /// <summary>
    /// A row: spec knobs, pods as codes, pending creates, then the expected numbers.
    /// Pod codes: u = at update revision, o = at old revision; suffix ! = not available,
    /// x = specified for deletion, p = in PreparingDelete. Pending creates: same u/o letters.
    /// </summary>
    public sealed record Row(
        string Case, int Replicas, string Pods, string Pending = "", string? ScaleMaxUnavailable = null, string? MaxUnavailable = null,
        string? MaxSurge = null, string? Partition = null, bool Paused = false,
        int Up = 0, int UpOld = 0, int UpLimit = 0, int Down = 0, int DownOld = 0, int DeleteReady = 0, int Surge = 0, int UpdateNum = 0, int UpdateMaxUnavailable = 0);

    public static TheoryData<Row> Rows => new()
    {
        new("empty, scale to 5", 5, "", Up: 5, UpLimit: 5),
        new("pending creates count as pods", 5, "u u u", Pending: "u", Up: 1, UpLimit: 1),
        new("scale 5 to 2", 2, "u u u u u", Down: 3, DeleteReady: 4),
        new("scale-up limited by unavailable pods", 5, "u! u!", ScaleMaxUnavailable: "2", Up: 3, UpLimit: 0),
        new("scale-up limit leaves room", 5, "u! u", ScaleMaxUnavailable: "2", Up: 3, UpLimit: 1),
        new("pending creates are unavailable", 4, "u u", Pending: "u", ScaleMaxUnavailable: "1", Up: 1, UpLimit: 0),
        new("percent scale limit rounds up", 5, "", ScaleMaxUnavailable: "50%", Up: 5, UpLimit: 3),
        new("specified pod: nothing to scale, one ready may go", 3, "u u ux", DeleteReady: 1),
        new("specified pod with surge: replacement first", 3, "u u ux", MaxSurge: "1", Up: 1, UpLimit: 1, Surge: 1),
        new("specified pods beyond replicas are not scaled down twice", 2, "u u ux", DeleteReady: 2),
        new("partition keeps old pods: create at update revision", 4, "o o u", Partition: "2", Up: 1, UpLimit: 1),
        new("partition short of old pods: create at old revision", 4, "o u u", Partition: "2", Up: 1, UpOld: 1, UpLimit: 1),
        new("scale down prefers old revision beyond partition", 2, "o o u u", Partition: "1", Down: 2, DownOld: 1, DeleteReady: 3),
        new("all old: update all, 20% of 4 unavailable", 4, "o o o o", UpdateNum: 4, UpdateMaxUnavailable: 1),
        new("partition 50% of 4 keeps 2 old", 4, "o o o o", Partition: "50%", UpdateNum: 2, UpdateMaxUnavailable: 1),
        new("update with surge", 4, "o o o o", MaxSurge: "1", Up: 1, UpLimit: 1, Surge: 1, UpdateNum: 4, UpdateMaxUnavailable: 0),
        new("paused stops surge", 4, "o o o o", MaxSurge: "1", Paused: true, UpdateNum: 4, UpdateMaxUnavailable: 1),
        new("preparing-delete pods are unavailable and not active", 3, "u u up", DeleteReady: 0),
        new("unavailable pods eat the delete budget", 2, "u u! u!", MaxUnavailable: "1", Down: 1, DeleteReady: 0),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Diff_reads_like_OpenKruises_table(Row row)
    {
        var spec = TestCloneSets.New(row.Replicas, s =>
        {
            s.ScaleStrategy = new CloneSetScaleStrategy { MaxUnavailable = row.ScaleMaxUnavailable };
            s.UpdateStrategy = new CloneSetUpdateStrategy
            {
                MaxUnavailable = row.MaxUnavailable, MaxSurge = row.MaxSurge, Partition = row.Partition, Paused = row.Paused,
            };
        }).Spec;

        var diff = CloneSetDiff.Calculate(spec, Pods(row.Pods), Pending(row.Pending), Update, TestPods.T0);

        Assert.Equal(
            (row.Up, row.UpOld, row.UpLimit, row.Down, row.DownOld, row.DeleteReady, row.Surge, row.UpdateNum, row.UpdateMaxUnavailable),
            (diff.ScaleUp, diff.ScaleUpOldRevision, diff.ScaleUpLimit, diff.ScaleDown, diff.ScaleDownOldRevision, diff.DeleteReadyLimit, diff.UseSurge, diff.UpdateNum, diff.UpdateMaxUnavailable));
    }

    [Theory]
    [InlineData(null, 10, 0)]
    [InlineData("3", 10, 3)]
    [InlineData("30%", 10, 3)]
    [InlineData("25%", 10, 3)]
    [InlineData("99%", 10, 9)]
    [InlineData("100%", 10, 10)]
    [InlineData("100%", 1, 1)]
    [InlineData("20", 10, 10)]
    public void Partition_rounds_up_but_leaves_one_pod_to_update(string? partition, int replicas, int expected) =>
        Assert.Equal(expected, CloneSetRules.Partition(TestCloneSets.New(replicas, s => s.UpdateStrategy = new CloneSetUpdateStrategy { Partition = partition }).Spec));

    private static List<ObservedPod> Pods(string codes) =>
        codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((code, i) =>
        {
            var revision = code[0] == 'u' ? Update : Current;
            var pod = code.Contains('!') ? TestPods.NotReady($"web-p{i:0000}", revision) : TestPods.Running($"web-p{i:0000}", revision);
            if (code.Contains('x'))
                pod = pod.WithLabel(CloneSet.SpecifiedDeleteLabel, "true");
            if (code.Contains('p'))
                pod = pod.WithLabel(LifecycleStates.Label, LifecycleStates.PreparingDelete);
            return pod;
        }).ToList();

    private static List<string> Pending(string codes) =>
        codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(code => code[0] == 'u' ? Update : Current).ToList();
}
