using System.Text;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.OpenApi;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>
/// /openapi/v2 (JSON, or gnostic protobuf for kubectl 1.27 and 1.28) and /openapi/v3 (default
/// `kubectl apply` validation and `kubectl explain`).
/// Building the documents reflects over every model, so they are built once per registry
/// snapshot (a CRD change) and served from memory.
/// </summary>
public sealed class OpenApiEndpoint
{
    private readonly ResourceRegistry _registry;
    private readonly object _gate = new();
    private Snapshot? _snapshot;

    public OpenApiEndpoint(ResourceRegistry registry)
    {
        _registry = registry;
        registry.Changed += () =>
        {
            lock (_gate)
                _snapshot = null;
        };
    }

    /// <summary>Build the documents in the background so the first kubectl apply does not wait for them.</summary>
    public void Warm() => _ = Task.Run(Current);

    public async Task<bool> TryServe(HttpContext context, string path)
    {
        if (!path.StartsWith("/openapi/", StringComparison.Ordinal))
            return false;
        var snapshot = Current();
        OpenApiV2Format? v2Format = path != "/openapi/v2" ? null
            : OpenApiV2Media.Negotiate(context.Request.Headers.Accept) ?? throw new ApiException(System.Net.HttpStatusCode.NotAcceptable, "NotAcceptable",
                $"/openapi/v2 is served as application/json or {OpenApiV2Media.ProtobufRequested}");
        byte[]? body = path switch
        {
            "/openapi/v2" => v2Format == OpenApiV2Format.Protobuf ? snapshot.V2Protobuf : snapshot.V2,
            "/openapi/v3" => snapshot.V3Index,
            _ when path.StartsWith("/openapi/v3/", StringComparison.Ordinal) => snapshot.V3Document(path["/openapi/v3/".Length..]),
            _ => null,
        };
        if (body is null)
            throw new ApiException(System.Net.HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
        if (context.Request.Query.ContainsKey("hash"))
            context.Response.Headers.CacheControl = "public, immutable";
        if (v2Format is { } format)
        {
            // kubectl's HTTP cache keys the two forms of /openapi/v2 apart by this.
            context.Response.Headers.Vary = "Accept";
            context.Response.ContentType = OpenApiV2Media.ContentType(format);
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        await Responses.WriteBytes(context, body).ConfigureAwait(false);
        return true;
    }

    private Snapshot Current()
    {
        lock (_gate)
            return _snapshot ??= new Snapshot(_registry.All);
    }

    private sealed class Snapshot(IReadOnlyList<ResourceType> resources)
    {
        private readonly Dictionary<string, byte[]?> _documents = [];
        private readonly Lazy<byte[]> _index = new(() => Bytes(OpenApiV3.Index(resources)));
        private readonly Lazy<byte[]> _v2 = new(() => Bytes(OpenApiV2.Document(resources)));
        private byte[]? _v2Protobuf;

        public byte[] V3Index => _index.Value;
        public byte[] V2 => _v2.Value;

        /// <summary>Encoded from the JSON bytes, so the document is built once for both forms.</summary>
        public byte[] V2Protobuf => LazyInitializer.EnsureInitialized(ref _v2Protobuf, () => GnosticDocument.Encode(JsonNode.Parse(V2)!.AsObject()));

        public byte[]? V3Document(string groupVersionPath)
        {
            lock (_documents)
            {
                if (!_documents.TryGetValue(groupVersionPath, out var document))
                    _documents[groupVersionPath] = document = OpenApiV3.Document(resources, groupVersionPath) is { } doc ? Bytes(doc) : null;
                return document;
            }
        }

        private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
