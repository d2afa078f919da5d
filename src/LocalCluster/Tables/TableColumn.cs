using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>
/// One meta.k8s.io/v1 TableColumnDefinition. Type is an OpenAPI type (string, integer, number,
/// boolean, date); Priority above 0 marks a column kubectl shows only with -o wide.
/// </summary>
public sealed record TableColumn(string Name, string Type = "string", string Format = "", string Description = "", int Priority = 0)
{
    // Swagger docs of ObjectMeta's name and creationTimestamp: nearly every table carries these two.
    internal const string NameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    internal const string CreationTimestampDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    public static TableColumn NameColumn { get; } = new("Name", Format: "name", Description: NameDescription);

    public static TableColumn Age { get; } = new("Age", Description: CreationTimestampDescription);

    /// <summary>A column kubectl shows only with -o wide.</summary>
    internal static TableColumn Wide(string name, string description = "") => new(name, Description: description, Priority: 1);

    // Every field is written, empty or not: TableColumnDefinition has no omitempty tags.
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
