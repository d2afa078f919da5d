using System.Text.RegularExpressions;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>
/// kubectl's human-readable table read back: column names from the header and each row's cells,
/// cut at the header's column offsets (kubectl pads columns with at least three spaces, and a
/// name such as "NOMINATED NODE" holds one).
/// </summary>
public sealed partial class KubectlTable
{
    private KubectlTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    /// <summary>The row whose NAME cell is <paramref name="name"/>.</summary>
    public IReadOnlyDictionary<string, string> Row(string name) =>
        Rows.SingleOrDefault(r => r["NAME"] == name) ?? throw new Xunit.Sdk.XunitException($"no row named {name} in [{string.Join(", ", Rows.Select(r => r["NAME"]))}]");

    public static KubectlTable Parse(string output)
    {
        var lines = output.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
            return new KubectlTable([], []);
        var header = lines[0];
        var starts = ColumnStart().Matches(header).Select(m => (m.Index, Name: m.Value.Trim())).ToList();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        // `get -w` repeats no header, but a second table (another kind) starts with its own.
        foreach (var line in lines.Skip(1).TakeWhile(l => !l.StartsWith(starts[0].Name + " ", StringComparison.Ordinal)))
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < starts.Count; i++)
            {
                var from = Math.Min(starts[i].Index, line.Length);
                var to = i + 1 < starts.Count ? Math.Min(starts[i + 1].Index, line.Length) : line.Length;
                cells[starts[i].Name] = line[from..to].Trim();
            }
            rows.Add(cells);
        }
        return new KubectlTable(starts.Select(s => s.Name).ToList(), rows);
    }

    // A header cell: words separated by single spaces, columns by two or more.
    [GeneratedRegex(@"\S+(?: \S+)*")]
    private static partial Regex ColumnStart();
}
