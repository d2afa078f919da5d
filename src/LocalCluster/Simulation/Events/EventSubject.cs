using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Events;

/// <summary>
/// The object an event is about (its involvedObject). Events about cluster-scoped objects (nodes)
/// live in the default namespace, as upstream's do.
/// </summary>
internal sealed record EventSubject(string ApiVersion, string Kind, string Namespace, string Name, string Uid, string? FieldPath = null, string? ResourceVersion = null)
{
    public string EventNamespace => Namespace.Length > 0 ? Namespace : "default";

    public static EventSubject Pod(string ns, string name, string uid, string? fieldPath = null) => new("v1", "Pod", ns, name, uid, fieldPath);

    /// <summary>The object as stored (apiVersion, kind, metadata), naming the version the event saw.</summary>
    public static EventSubject Of(JsonObject obj) =>
        new(JsonRead.Str(obj, "apiVersion"), JsonRead.Str(obj, "kind"), ObjectMeta.Namespace(obj) ?? "", ObjectMeta.Name(obj) ?? "",
            ObjectMeta.Uid(obj) ?? "", null, JsonRead.Str(obj, "metadata", "resourceVersion") is { Length: > 0 } version ? version : null);

    public JsonObject ToJson()
    {
        var involved = new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = Kind };
        if (Namespace.Length > 0)
            involved["namespace"] = Namespace;
        involved["name"] = Name;
        involved["uid"] = Uid;
        if (ResourceVersion is not null)
            involved["resourceVersion"] = ResourceVersion;
        if (FieldPath is not null)
            involved["fieldPath"] = FieldPath;
        return involved;
    }
}
