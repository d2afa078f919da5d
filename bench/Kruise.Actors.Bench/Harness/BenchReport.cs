using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kruise.Actors.Bench.Harness;

/// <summary>Where results go: bench/results/NAME.json in the repository the benchmark was built from.</summary>
public static class BenchReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string DefaultPath(string name) => Path.Combine(RepositoryRoot(), "bench", "results", name + ".json");

    public static async Task Write<T>(string path, T report)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Options) + "\n").ConfigureAwait(false);
    }

    // The build output sits under bench/Kruise.Actors.Bench/bin/..., whatever folder `dotnet run` was typed in.
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kruise.Actors.sln")))
                return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
