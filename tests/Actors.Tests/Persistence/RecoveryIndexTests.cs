using Kruise.Actors.Persistence;

namespace Kruise.Actors.Tests.Persistence;

/// <summary>
/// The recovery index answers an entity's "highest sequence number" and "any snapshot?" exactly as
/// the journal's own query would, and hands every id written since it started back to the database.
/// </summary>
public sealed class RecoveryIndexTests
{
    private static readonly Dictionary<string, long> Table = new(StringComparer.Ordinal) { ["Pod/a/one"] = 7, ["CloneSet/a/web"] = 120 };

    private sealed class CountingTable(IReadOnlyDictionary<string, long> rows)
    {
        public int Reads { get; private set; }

        public Task<IReadOnlyDictionary<string, long>> Read(CancellationToken cancel)
        {
            Reads++;
            return Task.FromResult(rows);
        }
    }

    // The journal's query: the highest sequence number above `from`, 0 when there is none.
    public static TheoryData<string, long, long> Highest => new()
    {
        { "Pod/a/one", 0, 7 },
        { "Pod/a/one", 6, 7 },
        { "Pod/a/one", 7, 0 },
        { "Pod/a/one", 9, 0 },
        { "CloneSet/a/web", 100, 120 },
        { "Pod/a/never-written", 0, 0 },
        { "Pod/a/never-written", 3, 0 },
        { "pod/a/one", 0, 0 }, // ids are case-sensitive, as in the table
    };

    [Theory]
    [MemberData(nameof(Highest))]
    public async Task An_untouched_id_gets_the_answer_the_journal_query_would_give(string id, long from, long expected)
    {
        var index = new RecoveryIndex(new CountingTable(Table).Read);

        Assert.Equal(expected, await index.HighestAbove(id, from));
    }

    [Theory]
    [InlineData("Pod/a/never-written", true)]
    [InlineData("Pod/a/one", false)]
    [InlineData("CloneSet/a/web", false)]
    public async Task Only_an_id_without_rows_is_certainly_empty(string id, bool empty)
    {
        var index = new RecoveryIndex(new CountingTable(Table).Read);

        Assert.Equal(empty, await index.CertainlyEmpty(id));
    }

    [Theory]
    [InlineData("Pod/a/one")]
    [InlineData("Pod/a/never-written")]
    public async Task An_id_written_before_or_after_the_read_is_left_to_the_database(string id)
    {
        var before = new RecoveryIndex(new CountingTable(Table).Read);
        before.Touched(id);
        Assert.Null(await before.HighestAbove(id, 0));
        Assert.False(await before.CertainlyEmpty(id));

        var after = new RecoveryIndex(new CountingTable(Table).Read);
        Assert.NotNull(await after.HighestAbove(id, 0));
        after.Touched(id);
        Assert.Null(await after.HighestAbove(id, 0));
        Assert.False(await after.CertainlyEmpty(id));
        // Other ids keep their answers.
        Assert.Equal(120, await after.HighestAbove("CloneSet/a/web", 0));
    }

    [Fact]
    public async Task An_id_written_while_the_table_is_being_read_is_left_to_the_database()
    {
        var release = new TaskCompletionSource<IReadOnlyDictionary<string, long>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var index = new RecoveryIndex(_ => release.Task);

        var asking = index.HighestAbove("Pod/a/never-written", 0);
        index.Touched("Pod/a/never-written"); // its first event is on its way while the read runs
        release.SetResult(Table);

        Assert.Null(await asking);
    }

    [Fact]
    public async Task The_table_is_read_once_for_every_recovery()
    {
        var table = new CountingTable(Table);
        var index = new RecoveryIndex(table.Read);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => index.HighestAbove($"Pod/a/p{i}", 0)));
        await index.CertainlyEmpty("Pod/a/one");

        Assert.Equal(1, table.Reads);
    }

    [Fact]
    public async Task A_failed_read_leaves_the_answer_to_the_database_and_the_next_recovery_reads_again()
    {
        var reads = 0;
        var index = new RecoveryIndex(_ => ++reads == 1
            ? Task.FromException<IReadOnlyDictionary<string, long>>(new InvalidOperationException("database is locked"))
            : Task.FromResult<IReadOnlyDictionary<string, long>>(Table));

        Assert.Null(await index.HighestAbove("Pod/a/one", 0));
        Assert.Equal(7, await index.HighestAbove("Pod/a/one", 0));
        Assert.Equal(2, reads);
    }
}
