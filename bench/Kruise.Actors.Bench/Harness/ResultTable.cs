using System.Globalization;
using System.Text;

namespace Kruise.Actors.Bench.Harness;

/// <summary>A Markdown table, so the printed output can be pasted into bench/README.md as is.</summary>
public sealed class ResultTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public static string Number(double value) => value switch
    {
        0 => "0",
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("F2", CultureInfo.InvariantCulture),
    };

    public override string ToString()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => i < r.Length ? r[i].Length : 0).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells, bool numeric)
        {
            text.Append('|');
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < cells.Count ? cells[i] : "";
                text.Append(' ').Append(numeric && i > 1 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])).Append(" |");
            }
            text.Append('\n');
        }
        Line(headers, numeric: false);
        text.Append('|').AppendJoin("", widths.Select((w, i) => i > 1 ? new string('-', w + 1) + ":|" : new string('-', w + 2) + "|")).Append('\n');
        foreach (var row in _rows)
            Line(row, numeric: true);
        return text.ToString();
    }
}
