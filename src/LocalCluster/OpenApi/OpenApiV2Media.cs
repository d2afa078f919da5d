using System.Globalization;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>The two forms /openapi/v2 is served in.</summary>
public enum OpenApiV2Format
{
    Json,
    Protobuf,
}

/// <summary>
/// Content negotiation for /openapi/v2 as kube-openapi's handler does it: Accept clauses by
/// preference (q, then the more specific), and the first that names or wildcards one of JSON or
/// the gnostic protobuf (either spelling of its subtype) wins; an empty Accept is */*; nothing
/// matching is 406.
/// </summary>
public static class OpenApiV2Media
{
    /// <summary>The spelling clients send (client-go's openAPIV2mimePb).</summary>
    public const string ProtobufRequested = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    /// <summary>
    /// The spelling served back: Go's mime.ParseMediaType rejects the '@' in the requested one,
    /// so kube-apiserver answers with this Content-Type.
    /// </summary>
    public const string Protobuf = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private static readonly (string SubType, OpenApiV2Format Format)[] Offered =
    [
        ("json", OpenApiV2Format.Json),
        ("com.github.proto-openapi.spec.v2@v1.0+protobuf", OpenApiV2Format.Protobuf),
        ("com.github.proto-openapi.spec.v2.v1.0+protobuf", OpenApiV2Format.Protobuf),
    ];

    public static string ContentType(OpenApiV2Format format) => format == OpenApiV2Format.Protobuf ? Protobuf : "application/json";

    /// <summary>The format to serve, or null when the client accepts neither (406).</summary>
    public static OpenApiV2Format? Negotiate(string? accept)
    {
        var clauses = (string.IsNullOrWhiteSpace(accept) ? "*/*" : accept)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Clause)
            .Where(c => c.Quality > 0)
            .OrderByDescending(c => c.Quality)
            .ThenBy(c => c.Type == "*" ? 2 : c.SubType == "*" ? 1 : 0);
        foreach (var clause in clauses)
        {
            foreach (var (subType, format) in Offered)
            {
                if (Matches(clause.Type, "application") && Matches(clause.SubType, subType))
                    return format;
            }
        }
        return null;
    }

    private static (string Type, string SubType, double Quality) Clause(string text)
    {
        var parts = text.Split(';', StringSplitOptions.TrimEntries);
        var slash = parts[0].IndexOf('/', StringComparison.Ordinal);
        var (type, subType) = slash < 0 ? (parts[0], "*") : (parts[0][..slash], parts[0][(slash + 1)..]);
        var quality = 1.0;
        foreach (var parameter in parts.Skip(1))
        {
            if (parameter.StartsWith("q=", StringComparison.Ordinal)
                && double.TryParse(parameter[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var q))
            {
                quality = q;
            }
        }
        return (type, subType, quality);
    }

    private static bool Matches(string asked, string offered) => asked == "*" || asked.Equals(offered, StringComparison.OrdinalIgnoreCase);
}
