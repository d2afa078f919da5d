using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.Kube;

/// <summary>A Secret's decoded data and the resourceVersion to replace it at.</summary>
public sealed record StoredSecret(IReadOnlyDictionary<string, string> Data, string ResourceVersion);

/// <summary>
/// Reads, creates and replaces one Secret with optimistic concurrency: a create that loses the
/// race fails with AlreadyExists and a replace from a stale read with Conflict, so the caller
/// reads the winner's instead of overwriting it.
/// </summary>
public static class SecretStore
{
    public static async Task<StoredSecret?> Read(KubeApi api, string ns, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        try
        {
            using var document = await api.GetJsonAsync(Path(ns, name), cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            var data = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("data", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in values.EnumerateObject())
                {
                    if (entry.Value.ValueKind == JsonValueKind.String && Decode(entry.Value.GetString()) is { } text)
                        data[entry.Name] = text;
                }
            }
            var version = root.GetProperty("metadata").TryGetProperty("resourceVersion", out var rv) ? rv.GetString() ?? "" : "";
            return new StoredSecret(data, version);
        }
        catch (KubeApiException e) when (e.Code == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates the Secret (and its namespace if there is none); AlreadyExists propagates.</summary>
    public static async Task Create(KubeApi api, string ns, string name, string type, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var body = Body(ns, name, type, data, resourceVersion: null).ToJsonString();
        try
        {
            using var _ = await api.SendAsync(HttpMethod.Post, Collection(ns), body, "application/json", cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.Code == HttpStatusCode.NotFound)
        {
            await CreateNamespace(api, ns, cancellationToken).ConfigureAwait(false);
            using var _ = await api.SendAsync(HttpMethod.Post, Collection(ns), body, "application/json", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces the Secret read at <paramref name="resourceVersion"/>; Conflict propagates.</summary>
    public static async Task Replace(KubeApi api, string ns, string name, string type, IReadOnlyDictionary<string, string> data, string resourceVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var body = Body(ns, name, type, data, resourceVersion).ToJsonString();
        using var _ = await api.SendAsync(HttpMethod.Put, Path(ns, name), body, "application/json", cancellationToken).ConfigureAwait(false);
    }

    private static async Task CreateNamespace(KubeApi api, string ns, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } };
        try
        {
            using var _ = await api.SendAsync(HttpMethod.Post, "api/v1/namespaces", body.ToJsonString(), "application/json", cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.Code == HttpStatusCode.Conflict)
        {
            // Another replica made it first.
        }
    }

    private static JsonObject Body(string ns, string name, string type, IReadOnlyDictionary<string, string> data, string? resourceVersion)
    {
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "kruise-actors" },
        };
        if (resourceVersion is not null)
            metadata["resourceVersion"] = resourceVersion;
        var encoded = new JsonObject();
        foreach (var (key, value) in data)
            encoded[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = metadata, ["type"] = type, ["data"] = encoded };
    }

    private static string? Decode(string? base64)
    {
        if (base64 is null)
            return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Collection(string ns) => $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/secrets";

    private static string Path(string ns, string name) => $"{Collection(ns)}/{Uri.EscapeDataString(name)}";
}
