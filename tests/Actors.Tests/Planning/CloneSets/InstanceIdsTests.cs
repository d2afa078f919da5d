using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class InstanceIdsTests
{
    [Fact]
    public void Ids_are_five_safe_characters_derived_only_from_seed_and_sequence()
    {
        var id = InstanceIds.Derive("uid-1", 7);

        Assert.Equal(5, id.Length);
        Assert.All(id, c => Assert.Contains(c, RevisionHash.Alphanums));
        Assert.Equal(id, InstanceIds.Derive("uid-1", 7));
        Assert.NotEqual(id, InstanceIds.Derive("uid-1", 8));
        Assert.NotEqual(id, InstanceIds.Derive("uid-2", 7));
    }

    [Fact]
    public void Reusable_ids_come_first_then_fresh_ones_from_the_sequence()
    {
        var ids = InstanceIds.Allocate(3, "uid-1", 10, ["zzzzz", "bbbbb"], new HashSet<string>());

        Assert.Equal(["bbbbb", "zzzzz", InstanceIds.Derive("uid-1", 10)], ids.Select(i => i.Id));
        Assert.Equal([true, true, false], ids.Select(i => i.Reused));
        Assert.Equal([10L, 10L, 11L], ids.Select(i => i.NextSequence));
    }

    [Fact]
    public void Taken_ids_are_skipped_and_the_sequence_moves_past_them()
    {
        var taken = new HashSet<string> { InstanceIds.Derive("uid-1", 0), InstanceIds.Derive("uid-1", 1), "bbbbb" };

        var ids = InstanceIds.Allocate(2, "uid-1", 0, ["bbbbb"], taken);

        Assert.Equal([InstanceIds.Derive("uid-1", 2), InstanceIds.Derive("uid-1", 3)], ids.Select(i => i.Id));
        Assert.Equal(4, ids[^1].NextSequence);
    }

    [Fact]
    public void A_thousand_ids_are_distinct()
    {
        var ids = InstanceIds.Allocate(1000, "uid-1", 0, [], new HashSet<string>());

        Assert.Equal(1000, ids.Select(i => i.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("web", "web-x2b4k", "x2b4k")]
    [InlineData("web", "web-x2b4", null)]
    [InlineData("web", "api-x2b4k", null)]
    [InlineData("web-1", "web-1-x2b4k", "x2b4k")]
    public void Id_is_read_back_from_a_pod_name(string cloneSet, string pod, string? id) =>
        Assert.Equal(id, InstanceIds.FromPodName(cloneSet, pod));
}
