using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Tests.Planning.Revisions;

public sealed class RevisionHistoryTests
{
    private static List<ObservedRevision> Revisions(int count) =>
        Enumerable.Range(1, count).Select(n => new ObservedRevision($"web-h{n}", n, null)).ToList();

    public static TheoryData<int, int?, string[], string[]> Cases => new()
    {
        // revisions, limit, live (current, update, used by pods), deleted (oldest first)
        { 3, null, ["web-h3"], [] },
        { 12, null, ["web-h12"], ["web-h1"] },
        { 12, 10, ["web-h12", "web-h11"], [] },
        { 5, 2, ["web-h5"], ["web-h1", "web-h2"] },
        { 5, 2, ["web-h5", "web-h1"], ["web-h2"] },
        { 5, 1, ["web-h5", "web-h1"], ["web-h2", "web-h3"] },
        { 5, 0, ["web-h5", "web-h4"], ["web-h1", "web-h2", "web-h3"] },
        { 5, 0, ["h5", "h4"], ["web-h1", "web-h2", "web-h3"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Keeps_live_revisions_and_at_most_the_limit_of_history(int count, int? limit, string[] live, string[] deleted) =>
        Assert.Equal(deleted, RevisionHistory.ToDelete(Revisions(count), limit, live.ToHashSet()));
}
