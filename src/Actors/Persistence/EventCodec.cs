using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kruise.Actors.Persistence;

/// <summary>
/// JSON encoding of registered events and snapshots, shared by the Akka serializer (journal,
/// snapshots) and the event-log reader (which decodes without an actor system).
/// </summary>
public sealed class EventCodec(EventRegistry registry)
{
    // camelCase, nulls omitted and enums as strings: the same shape KubernetesClient gives the API
    // objects an event may carry, so they round-trip unchanged.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public EventRegistry Registry { get; } = registry;

    public string ManifestOf(object value) =>
        Registry.TryGetManifest(value.GetType(), out var manifest)
            ? manifest
            : throw new UnregisteredTypeException($"{value.GetType().Name} has no registered manifest; register it in the EventRegistry of its entity kind");

    /// <summary>Encodes a registered value; an unregistered one is refused, so nothing reaches the journal without a manifest.</summary>
    public byte[] Encode(object value)
    {
        ManifestOf(value);
        return JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Json);
    }

    public object Decode(byte[] bytes, string manifest) =>
        Registry.TryGetType(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Json) ?? throw new JsonException($"\"{manifest}\" decoded to null")
            : throw new UnregisteredTypeException($"no type is registered for manifest \"{manifest}\"");

    public bool TryDecode(byte[] bytes, string manifest, out object? value)
    {
        value = null;
        if (!Registry.TryGetType(manifest, out var type))
            return false;
        try
        {
            value = JsonSerializer.Deserialize(bytes, type, Json);
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

public sealed class UnregisteredTypeException(string message) : Exception(message);
