using System.Text.Json.Nodes;

namespace Kruise.Actors.Planning.InPlace;

/// <summary>
/// The labels and annotations a container reads into its env through the downward API
/// (env[].valueFrom.fieldRef.fieldPath = metadata.labels['key'] or metadata.annotations['key']).
/// Kubelet resolves those once, at container start, so a change to one needs a restart to show.
/// </summary>
public static class DownwardApiRefs
{
    public const string Labels = "labels";
    public const string Annotations = "annotations";

    /// <summary>(kind, key) pairs the container's env reads; kind is "labels" or "annotations".</summary>
    public static IEnumerable<(string Kind, string Key)> Read(JsonObject container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (container["env"] is not JsonArray env)
            yield break;
        foreach (var variable in env.OfType<JsonObject>())
        {
            if (variable["valueFrom"]?["fieldRef"]?["fieldPath"] is JsonValue path
                && path.TryGetValue<string>(out var fieldPath)
                && Parse(fieldPath) is { } reference)
            {
                yield return reference;
            }
        }
    }

    /// <summary>Parses metadata.labels['k'] (or double quotes); null for any other field path.</summary>
    public static (string Kind, string Key)? Parse(string fieldPath)
    {
        ArgumentNullException.ThrowIfNull(fieldPath);
        foreach (var kind in new[] { Labels, Annotations })
        {
            var prefix = $"metadata.{kind}[";
            if (!fieldPath.StartsWith(prefix, StringComparison.Ordinal) || !fieldPath.EndsWith(']'))
                continue;
            var quoted = fieldPath[prefix.Length..^1];
            if (quoted.Length >= 2 && quoted[0] == quoted[^1] && quoted[0] is '\'' or '"')
                return (kind, quoted[1..^1]);
        }
        return null;
    }
}
