using System.Text;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Protobuf;

/// <summary>
/// Turns protobuf message bytes into the JSON object Go's encoding/json would write for the
/// same Go value, driven by the descriptor tables. Fields are collected first and written
/// afterwards in descriptor (Go struct) order, so the JSON matches Go's field order too.
/// </summary>
internal sealed class MessageDecoder(IReadOnlyDictionary<string, MessageDescriptor> messages)
{
    // The schema is acyclic, so real bodies nest only as deep as it does (about 15 levels).
    private const int MaxDepth = 40;

    /// <summary>Decodes a message's fields into <paramref name="target"/>, after any it already has.</summary>
    public void DecodeInto(JsonObject target, MessageDescriptor message, ReadOnlySpan<byte> bytes, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw ProtoReader.Malformed($"nesting deeper than {MaxDepth} at {path}");
        }
        var slots = new Slot[message.Fields.Count];
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var number, out var wire))
        {
            if (!message.TryGetIndex(number, out var index))
            {
                if (!reader.SkipAndCheckZero(wire))
                {
                    throw ApiException.UnsupportedMediaType(
                        $"protobuf field {number} of {message.Name} at {path} is not understood by this server; send the object as JSON");
                }
                continue;
            }
            var field = message.Fields[index];
            ref var slot = ref slots[index];
            // Inline structs add no JSON level, so no path segment either.
            var fieldPath = field.Kind == FieldKind.Inline ? path : $"{path}.{field.JsonName}";
            if (field.Map)
            {
                var (key, value) = ReadMapEntry(field, reader.ReadLengthDelimited(wire, fieldPath), fieldPath, depth);
                (slot.Map ??= new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal))[key] = value;
            }
            else if (field.Repeated)
            {
                slot.List ??= [];
                if (wire == WireType.Len && field.Kind is FieldKind.Int32 or FieldKind.Int64 or FieldKind.Bool)
                {
                    // Packed encoding: proto2 writers may still pack, and parsers must accept both.
                    var packed = new ProtoReader(reader.ReadLengthDelimited());
                    while (!packed.AtEnd)
                    {
                        slot.List.Add(ReadValue(field, ref packed, WireType.Varint, $"{fieldPath}[{slot.List.Count}]", depth).Node);
                    }
                }
                else
                {
                    slot.List.Add(ReadValue(field, ref reader, wire, $"{fieldPath}[{slot.List.Count}]", depth).Node);
                }
            }
            else
            {
                // Last occurrence wins; Go marshallers never split one message field into parts.
                (slot.Value, slot.IsZero) = ReadValue(field, ref reader, wire, fieldPath, depth);
                slot.Present = true;
            }
        }
        for (var i = 0; i < slots.Length; i++)
        {
            var field = message.Fields[i];
            Emit(target, field, slots[i], field.Kind == FieldKind.Inline ? path : $"{path}.{field.JsonName}", depth);
        }
    }

    private void Emit(JsonObject target, FieldDescriptor field, Slot slot, string path, int depth)
    {
        if (field.Kind == FieldKind.Inline)
        {
            // Absent embedded structs still contribute their always-written fields.
            var inline = slot.Present ? slot.Value!.AsObject() : Decode(field.MessageType!, [], path, depth);
            foreach (var name in inline.Select(p => p.Key).ToList())
            {
                var node = inline[name];
                inline.Remove(name);
                target[name] = node;
            }
            return;
        }
        if (field.Map || field.Repeated)
        {
            var count = field.Map ? slot.Map?.Count ?? 0 : slot.List?.Count ?? 0;
            if (count > 0)
            {
                target[field.JsonName] = field.Map
                    ? new JsonObject(slot.Map!.Select(e => KeyValuePair.Create(e.Key, e.Value)))
                    : new JsonArray([.. slot.List!]);
            }
            else if (field.Presence != Presence.OmitEmpty)
            {
                target[field.JsonName] = null; // Go writes a nil slice or map without omitempty as null
            }
            return;
        }
        switch (field.Presence)
        {
            case Presence.OmitEmpty when slot.Present && !slot.IsZero:
            case Presence.Pointer when slot.Present:
                target[field.JsonName] = slot.Value;
                break;
            case Presence.PointerOrNull:
                target[field.JsonName] = slot.Present ? slot.Value : null;
                break;
            case Presence.Always:
                target[field.JsonName] = slot.Present ? slot.Value : ZeroValue(field, path, depth);
                break;
        }
    }

    /// <summary>What Go writes for an always-written field the wire did not carry.</summary>
    private JsonNode? ZeroValue(FieldDescriptor field, string path, int depth) => field.Kind switch
    {
        FieldKind.String => "",
        FieldKind.Bool => false,
        FieldKind.Int32 => 0,
        FieldKind.Int64 => 0L,
        FieldKind.Message => Decode(field.MessageType!, [], path, depth),
        FieldKind.Quantity => "0",
        FieldKind.IntOrString => 0,
        _ => null, // Time (zero time is null), bytes (nil is null)
    };

    private JsonObject Decode(string type, ReadOnlySpan<byte> bytes, string path, int depth)
    {
        var result = new JsonObject();
        DecodeInto(result, messages[type], bytes, path, depth + 1);
        return result;
    }

    private (JsonNode? Node, bool IsZero) ReadValue(FieldDescriptor field, ref ProtoReader reader, WireType wire, string path, int depth)
    {
        switch (field.Kind)
        {
            case FieldKind.Bool:
                var flag = reader.ReadVarint(wire, path) != 0;
                return (flag, !flag);
            case FieldKind.Int32:
                var i32 = unchecked((int)reader.ReadVarint(wire, path)); // Go truncates int32 varints too
                return (i32, i32 == 0);
            case FieldKind.Int64:
                var i64 = unchecked((long)reader.ReadVarint(wire, path));
                return (i64, i64 == 0);
        }
        var bytes = reader.ReadLengthDelimited(wire, path);
        return field.Kind switch
        {
            FieldKind.String => (Utf8(bytes), bytes.IsEmpty),
            FieldKind.Bytes => (Convert.ToBase64String(bytes), bytes.IsEmpty),
            FieldKind.Message or FieldKind.Inline => (Decode(field.MessageType!, bytes, path, depth), false),
            FieldKind.Quantity => (KnownTypes.Quantity(bytes, path), false),
            FieldKind.IntOrString => (KnownTypes.IntOrString(bytes, path), false),
            FieldKind.Time => KnownTypes.Time(bytes, path),
            FieldKind.RawJson => (KnownTypes.RawJson(bytes, path), false),
            _ => throw new InvalidOperationException($"unhandled field kind {field.Kind}"),
        };
    }

    private (string Key, JsonNode? Value) ReadMapEntry(FieldDescriptor field, ReadOnlySpan<byte> entry, string path, int depth)
    {
        var key = "";
        JsonNode? value = null;
        var hasValue = false;
        var reader = new ProtoReader(entry);
        while (reader.TryReadTag(out var number, out var wire))
        {
            if (number == 1)
            {
                key = Utf8(reader.ReadLengthDelimited(wire, path));
            }
            else if (number == 2)
            {
                value = ReadValue(field, ref reader, wire, $"{path}[{key}]", depth).Node;
                hasValue = true;
            }
            else
            {
                reader.SkipAndCheckZero(wire);
            }
        }
        // An entry without a value holds the value type's zero, as Go's unmarshaller leaves it.
        if (!hasValue)
        {
            value = field.Kind switch
            {
                FieldKind.String or FieldKind.Bytes => "",
                FieldKind.Quantity => "0",
                _ => null,
            };
        }
        return (key, value);
    }

    // Go does not validate UTF-8 in proto strings and encoding/json writes U+FFFD for bad
    // bytes; Encoding.UTF8 replaces them the same way.
    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private struct Slot
    {
        public bool Present;
        public bool IsZero;
        public JsonNode? Value;
        public List<JsonNode?>? List;
        public SortedDictionary<string, JsonNode?>? Map;
    }
}
