namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>
/// The patchStrategy/patchMergeKey tags of one object type and, through each field's Schema, of
/// the types below it: what the apiserver reads from the Go structs of k8s.io/api. Fields it does
/// not list are plain: lists are replaced, objects merged.
/// </summary>
public sealed class StrategicMergeSchema
{
    /// <summary>The apiserver's answer when strategic merge patch is sent for a kind without Go struct tags (custom resources).</summary>
    public const string UnsupportedMessage =
        "the body of the request was in an unknown format - accepted media types include: "
        + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

    private readonly IReadOnlyDictionary<string, StrategicMergeField> fields;

    public StrategicMergeSchema(IReadOnlyDictionary<string, StrategicMergeField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        this.fields = fields;
    }

    /// <summary>No tagged fields: strategic merge patch then behaves like a JSON merge patch plus directives.</summary>
    public static StrategicMergeSchema Empty { get; } = new(new Dictionary<string, StrategicMergeField>());

    /// <summary>Whether a built-in kind has a schema; the HTTP layer answers 415 for the others.</summary>
    public static bool Supports(string group, string kind) => BuiltInStrategicMergeSchemas.TryGet(group, kind, out _);

    /// <summary>The schema of a built-in kind ("" is the core group); 415 UnsupportedMediaType for any other kind.</summary>
    public static StrategicMergeSchema For(string group, string kind) =>
        BuiltInStrategicMergeSchemas.TryGet(group, kind, out var schema)
            ? schema
            : throw ApiException.UnsupportedMediaType(UnsupportedMessage);

    /// <summary>The field directly in this object, or null when it carries no tags and no tagged fields.</summary>
    public StrategicMergeField? Field(string name) => fields.GetValueOrDefault(name);

    /// <summary>
    /// The field a path of field names leads to from this object; list elements add no step, so
    /// a Deployment's container env is ["spec", "template", "spec", "containers", "env"].
    /// </summary>
    public StrategicMergeField? Lookup(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        StrategicMergeSchema? schema = this;
        StrategicMergeField? field = null;
        foreach (var name in path)
        {
            field = schema?.Field(name);
            if (field is null)
            {
                return null;
            }
            schema = field.Schema;
        }
        return field;
    }

    internal StrategicMergeSchema Child(string name) => Field(name)?.Schema ?? Empty;
}
