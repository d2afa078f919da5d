using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Tests.Protobuf;

/// <summary>
/// The captured kubectl bodies in Fixtures/kubectl-&lt;version&gt;/ (see capture.sh): &lt;case&gt;.b64
/// holds the exact protobuf bytes kubectl POSTed, &lt;case&gt;.json what the same command prints
/// with --dry-run=client -o json. Names are "kubectl-1.32/deployment" and so on.
/// </summary>
public static class Fixtures
{
    public static string Directory { get; } = Find();

    public static IEnumerable<string> Names =>
        System.IO.Directory.GetFiles(Directory, "*.b64", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f)[..^".b64".Length].Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static byte[] Body(string name) => Convert.FromBase64String(File.ReadAllText(Path.Combine(Directory, name + ".b64")));

    public static JsonObject ExpectedJson(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, name + ".json")))!.AsObject();

    /// <summary>Indented, order-preserving text, so a comparison checks field order as Go writes it.</summary>
    public static string Text(JsonNode node) => node.ToJsonString(Indented);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Protobuf", "Fixtures");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("Protobuf/Fixtures not found above " + AppContext.BaseDirectory);
    }
}
