using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Kruise.Actors.LocalCluster.Protobuf;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>Reads a request body into a JSON object: JSON, YAML, or Kubernetes protobuf (the kinds kubectl create sends).</summary>
public static class RequestBody
{
    // A Content-Length is a claim, not a promise: trust it for the first buffer up to this size only.
    private const int MaxInitialBuffer = 1024 * 1024;

    public static async Task<JsonNode> Read(HttpRequest request, CancellationToken cancellationToken)
    {
        // The body goes into a pooled buffer: the JSON document copies what it keeps, so the
        // stream copy and array a write used to allocate per request were garbage at once.
        var (buffer, length) = await ReadAll(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return Parse(buffer.AsSpan(0, length), request.ContentType ?? "application/json");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonNode Parse(ReadOnlySpan<byte> bytes, string contentType)
    {
        if (bytes.Length == 0)
            throw ApiException.BadRequest("the request body is empty");
        if (KubeProtobuf.IsProtobuf(contentType))
            return KubeProtobuf.Decode(bytes);
        if (contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase))
            return ParseYaml(System.Text.Encoding.UTF8.GetString(bytes));
        try
        {
            return JsonNode.Parse(bytes) ?? throw ApiException.BadRequest("the request body is null");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf ({e.Message})");
        }
    }

    // The whole body in a rented buffer (sized by Content-Length when sent), and how much of it is filled.
    private static async Task<(byte[] Buffer, int Length)> ReadAll(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 0, 4096, MaxInitialBuffer));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    return (buffer, length);
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public static async Task<JsonObject> ReadObject(HttpRequest request, CancellationToken cancellationToken) =>
        await Read(request, cancellationToken).ConfigureAwait(false) as JsonObject
        ?? throw ApiException.BadRequest("the request body must be a JSON object");

    private static JsonNode ParseYaml(string yaml)
    {
        try
        {
            var value = KubernetesYaml.Deserialize<object>(yaml);
            return JsonNode.Parse(KubernetesJson.Serialize(value)) ?? throw ApiException.BadRequest("the request body is null");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw ApiException.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }
}
