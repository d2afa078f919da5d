using System.Globalization;

namespace Kruise.Actors.Bench.Harness;

/// <summary>`NAME --key value --flag ...`: the benchmark's name, its options, and the command line to print back.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private BenchArgs(string name, IReadOnlyList<string> raw)
    {
        Name = name;
        Raw = raw;
    }

    public string Name { get; }
    public IReadOnlyList<string> Raw { get; }

    /// <summary>The documented command that reproduces this run.</summary>
    public string Command => "dotnet run -c Release --project bench/Kruise.Actors.Bench -- " + string.Join(' ', Raw);

    public static BenchArgs Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
            throw new ArgumentException("no benchmark named");
        var parsed = new BenchArgs(args[0], args);
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._options[args[i][2..]] = hasValue ? args[++i] : null;
        }
        return parsed;
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public int Int(string name, int fallback)
    {
        var text = String(name);
        if (text is null)
            return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} needs a positive integer, not '{text}'");
    }

    /// <summary>Positive integers separated by commas (`--sizes 1000,5000`).</summary>
    public IReadOnlyList<int> IntList(string name, IReadOnlyList<int> fallback)
    {
        var text = String(name);
        if (text is null)
            return fallback;
        var values = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ArgumentException($"--{name} takes positive integers separated by commas, not '{text}'"))
            .ToArray();
        return values.Length > 0 ? values : throw new ArgumentException($"--{name} needs at least one value");
    }

    /// <summary>Names out of <paramref name="known"/>, separated by commas.</summary>
    public static IReadOnlyList<string> Choices(string name, string text, IReadOnlyList<string> known)
    {
        var chosen = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var choice in chosen)
        {
            if (!known.Contains(choice, StringComparer.Ordinal))
                throw new ArgumentException($"--{name} takes {string.Join(", ", known)} separated by commas, not '{choice}'");
        }
        return chosen.Length > 0 ? chosen : throw new ArgumentException($"--{name} needs at least one value");
    }

    /// <summary>Null when absent; 0 allowed (a core number, say).</summary>
    public int? NonNegativeInt(string name)
    {
        var text = String(name);
        if (text is null)
            return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"--{name} needs a non-negative integer, not '{text}'");
    }

    /// <summary>Call after reading every option: a typo must not silently run the defaults.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(k => "--" + k))}");
    }
}
