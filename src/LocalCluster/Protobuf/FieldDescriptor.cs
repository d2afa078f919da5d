namespace Kruise.Actors.LocalCluster.Protobuf;

/// <summary>What a protobuf field holds and how it becomes JSON.</summary>
internal enum FieldKind
{
    String,
    /// <summary>[]byte: base64 in JSON, as Go's encoding/json writes it.</summary>
    Bytes,
    Bool,
    Int32,
    Int64,
    /// <summary>A nested message described by <see cref="FieldDescriptor.MessageType"/>.</summary>
    Message,
    /// <summary>A Go embedded struct (json:",inline"): its fields land in the parent object.</summary>
    Inline,
    /// <summary>resource.Quantity {1: string}: a JSON string such as "500m".</summary>
    Quantity,
    /// <summary>intstr.IntOrString {1: type, 2: intVal, 3: strVal}: a JSON number or string.</summary>
    IntOrString,
    /// <summary>metav1.Time {1: seconds, 2: nanos}: RFC 3339 at second precision, as Go writes it.</summary>
    Time,
    /// <summary>metav1.FieldsV1 {1: raw JSON}: embedded as the JSON it holds.</summary>
    RawJson,
}

/// <summary>
/// When a field appears in the JSON. Mirrors Go's encoding/json: protobuf cannot tell unset
/// from zero, so the Go type (pointer or not) and its json tag (omitempty or not) decide.
/// </summary>
internal enum Presence
{
    /// <summary>Non-pointer with omitempty: written only when non-zero (non-empty for lists and maps).</summary>
    OmitEmpty,

    /// <summary>
    /// Written even when zero: non-pointer scalars without omitempty (0, "", false), non-pointer
    /// structs ({} — Go never omits structs), Quantity ("0"), IntOrString (0), Time and lists
    /// and maps without omitempty (null, as Go writes a nil slice or map).
    /// </summary>
    Always,

    /// <summary>Pointer with omitempty: written exactly when present on the wire, even if zero.</summary>
    Pointer,

    /// <summary>Pointer without omitempty: the value when present, else null.</summary>
    PointerOrNull,
}

/// <summary>
/// One field of a message: protobuf field number, JSON name, kind and presence. Repeated
/// fields are JSON arrays; map fields (repeated entries {1: key, 2: value}) are JSON objects
/// whose values have <see cref="Kind"/>.
/// </summary>
internal sealed record FieldDescriptor(
    int Number,
    string JsonName,
    FieldKind Kind,
    Presence Presence = Presence.OmitEmpty,
    bool Repeated = false,
    bool Map = false,
    string? MessageType = null);

/// <summary>A message: its fields in Go struct order, which is the order Go writes JSON in.</summary>
internal sealed class MessageDescriptor
{
    private readonly Dictionary<int, int> indexByNumber = [];

    public MessageDescriptor(string name, IReadOnlyList<FieldDescriptor> fields)
    {
        Name = name;
        Fields = fields;
        for (var i = 0; i < fields.Count; i++)
        {
            if (!indexByNumber.TryAdd(fields[i].Number, i))
            {
                throw new InvalidOperationException($"{name}: field number {fields[i].Number} listed twice");
            }
        }
    }

    public string Name { get; }

    public IReadOnlyList<FieldDescriptor> Fields { get; }

    public bool TryGetIndex(int number, out int index) => indexByNumber.TryGetValue(number, out index);
}
