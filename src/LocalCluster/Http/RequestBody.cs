using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Kruise.Actors.LocalCluster.Protobuf;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>Reads a request body into a JSON object: JSON, YAML, or Kubernetes protobuf (the kinds kubectl create sends).</summary>
public static class RequestBody
{
    public static async Task<JsonNode> Read(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        var contentType = request.ContentType ?? "application/json";
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
