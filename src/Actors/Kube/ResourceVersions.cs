using System.Globalization;
using System.Text.Json;

namespace Kruise.Actors.Kube;

/// <summary>
/// Reading and ordering resourceVersions. Kubernetes calls them opaque; OpenKruise's
/// resource-version expectations still order them as integers (etcd revisions, as every API
/// server that serves from etcd gives them, and as the embedded cluster does), and so do we where
/// both sides are integers. Anything else is only ever compared for equality.
/// </summary>
public static class ResourceVersions
{
    /// <summary>metadata.resourceVersion of the object in <paramref name="json"/>; null when there is none or it is not an object.</summary>
    public static string? Of(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMetadata = reader.ValueTextEquals("metadata"u8);
                reader.Read();
                if (!isMetadata || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isVersion = reader.ValueTextEquals("resourceVersion"u8);
                    reader.Read();
                    if (isVersion)
                        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                return null;
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    /// <summary>
    /// Whether <paramref name="observed"/> is known to be at least <paramref name="written"/>: equal,
    /// or both integers and not smaller. Null when the two cannot be ordered.
    /// </summary>
    public static bool? IsAtLeast(string? observed, string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (observed is null)
            return null;
        if (string.Equals(observed, written, StringComparison.Ordinal))
            return true;
        return ulong.TryParse(observed, NumberStyles.None, CultureInfo.InvariantCulture, out var o)
            && ulong.TryParse(written, NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            ? o >= w
            : null;
    }
}
