using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Protobuf;

/// <summary>
/// Decodes Kubernetes protobuf request bodies (<c>application/vnd.kubernetes.protobuf</c>), which
/// typed clients such as <c>kubectl create namespace|configmap|secret|deployment|...</c> and
/// <c>kubectl autoscale</c> send, into the JSON object the same Go value marshals to. The wire
/// form is the magic <c>k8s\0</c> followed by a runtime.Unknown {1: TypeMeta{1: apiVersion,
/// 2: kind}, 2: raw object bytes, 3: contentEncoding, 4: contentType}.
/// Pure: no I/O. Errors are ApiExceptions: 415 for kinds or fields it does not decode (the
/// client can send JSON instead), 400 for malformed bytes.
/// </summary>
public static class KubeProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>True for a Content-Type naming the Kubernetes protobuf media type, whatever its parameters.</summary>
    public static bool IsProtobuf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The apiVersion/kind pairs <see cref="Decode"/> accepts, e.g. "apps/v1 Deployment".</summary>
    public static IReadOnlyList<string> SupportedKinds => KubeSchema.SupportedKinds;

    /// <summary>Decodes a whole protobuf body into a JSON object starting with kind and apiVersion.</summary>
    /// <exception cref="ApiException">400 for malformed bytes, 415 for kinds or fields not decoded here.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw ApiException.BadRequest("protobuf body does not start with the Kubernetes magic bytes \"k8s\\0\"");
        }
        var (apiVersion, kind, contentEncoding) = ReadUnknown(body[Magic.Length..], out var raw);
        if (contentEncoding.Length > 0)
        {
            throw ApiException.UnsupportedMediaType($"protobuf bodies with contentEncoding \"{contentEncoding}\" are not supported; send JSON");
        }
        if (!KubeSchema.TryGetTopLevel(apiVersion, kind, out var message))
        {
            throw ApiException.UnsupportedMediaType(
                $"protobuf bodies are accepted for {string.Join(", ", KubeSchema.SupportedKinds)}; send JSON for {(kind.Length == 0 ? "this object" : $"{apiVersion} {kind}")}");
        }
        // Go's TypeMeta (kind, then apiVersion) comes first in every object's JSON.
        var result = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion };
        KubeSchema.Decoder.DecodeInto(result, message, raw, kind, depth: 0);
        return result;
    }

    private static (string ApiVersion, string Kind, string ContentEncoding) ReadUnknown(ReadOnlySpan<byte> bytes, out ReadOnlySpan<byte> raw)
    {
        string apiVersion = "", kind = "", contentEncoding = "";
        raw = [];
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var number, out var wire))
        {
            switch (number)
            {
                case 1:
                    (apiVersion, kind) = ReadTypeMeta(reader.ReadLengthDelimited(wire, "typeMeta"));
                    break;
                case 2:
                    raw = reader.ReadLengthDelimited(wire, "raw");
                    break;
                case 3:
                    contentEncoding = MessageDecoder.Utf8(reader.ReadLengthDelimited(wire, "contentEncoding"));
                    break;
                default:
                    reader.SkipAndCheckZero(wire); // contentType (4) describes raw, which is always protobuf here
                    break;
            }
        }
        return (apiVersion, kind, contentEncoding);
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> bytes)
    {
        string apiVersion = "", kind = "";
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var number, out var wire))
        {
            switch (number)
            {
                case 1:
                    apiVersion = MessageDecoder.Utf8(reader.ReadLengthDelimited(wire, "typeMeta.apiVersion"));
                    break;
                case 2:
                    kind = MessageDecoder.Utf8(reader.ReadLengthDelimited(wire, "typeMeta.kind"));
                    break;
                default:
                    reader.SkipAndCheckZero(wire);
                    break;
            }
        }
        return (apiVersion, kind);
    }
}
