namespace Kruise.Actors.LocalCluster.Protobuf;

/// <summary>
/// Short constructors for the schema tables, so each field reads as one line:
/// <c>Str(1, "name", Always)</c>, <c>Int32(1, "replicas", Pointer)</c>, <c>Msgs(6, "ports", "ContainerPort")</c>.
/// The presence argument follows the Go field: pointer or not, omitempty or not.
/// </summary>
internal static class Fields
{
    public static MessageDescriptor Message(string name, params FieldDescriptor[] fields) => new(name, fields);

    public static FieldDescriptor Str(int n, string json, Presence p = Presence.OmitEmpty) => new(n, json, FieldKind.String, p);

    public static FieldDescriptor Bool(int n, string json, Presence p = Presence.OmitEmpty) => new(n, json, FieldKind.Bool, p);

    public static FieldDescriptor Int32(int n, string json, Presence p = Presence.OmitEmpty) => new(n, json, FieldKind.Int32, p);

    public static FieldDescriptor Int64(int n, string json, Presence p = Presence.OmitEmpty) => new(n, json, FieldKind.Int64, p);

    /// <summary>A nested message; non-pointer Go structs are Always (written as {} when empty).</summary>
    public static FieldDescriptor Msg(int n, string json, string type, Presence p) => new(n, json, FieldKind.Message, p, MessageType: type);

    /// <summary>A Go embedded struct (json:",inline") carried as nested message n.</summary>
    public static FieldDescriptor Inline(int n, string type) => new(n, "", FieldKind.Inline, Presence.Always, MessageType: type);

    public static FieldDescriptor Quantity(int n, string json, Presence p) => new(n, json, FieldKind.Quantity, p);

    public static FieldDescriptor IntOrString(int n, string json, Presence p) => new(n, json, FieldKind.IntOrString, p);

    public static FieldDescriptor Time(int n, string json, Presence p = Presence.OmitEmpty) => new(n, json, FieldKind.Time, p);

    public static FieldDescriptor RawJson(int n, string json) => new(n, json, FieldKind.RawJson, Presence.Pointer);

    public static FieldDescriptor Strs(int n, string json, Presence p = Presence.OmitEmpty) => new(n, json, FieldKind.String, p, Repeated: true);

    public static FieldDescriptor Int32s(int n, string json, Presence p = Presence.OmitEmpty) => new(n, json, FieldKind.Int32, p, Repeated: true);

    public static FieldDescriptor Int64s(int n, string json, Presence p = Presence.OmitEmpty) => new(n, json, FieldKind.Int64, p, Repeated: true);

    public static FieldDescriptor Msgs(int n, string json, string type, Presence p = Presence.OmitEmpty) =>
        new(n, json, FieldKind.Message, p, Repeated: true, MessageType: type);

    /// <summary>map[string]string, e.g. labels.</summary>
    public static FieldDescriptor StrMap(int n, string json, Presence p = Presence.OmitEmpty) => new(n, json, FieldKind.String, p, Map: true);

    /// <summary>map[string][]byte, e.g. Secret data: values base64.</summary>
    public static FieldDescriptor BytesMap(int n, string json) => new(n, json, FieldKind.Bytes, Presence.OmitEmpty, Map: true);

    /// <summary>ResourceList (map[ResourceName]Quantity).</summary>
    public static FieldDescriptor QuantityMap(int n, string json) => new(n, json, FieldKind.Quantity, Presence.OmitEmpty, Map: true);

    /// <summary>map[string]metav1.Time.</summary>
    public static FieldDescriptor TimeMap(int n, string json) => new(n, json, FieldKind.Time, Presence.OmitEmpty, Map: true);
}
