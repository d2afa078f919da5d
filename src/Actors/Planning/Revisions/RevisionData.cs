using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Kruise.Actors.Planning.Revisions;

/// <summary>
/// The data a workload stores in its ControllerRevision: a patch that restores the pod template,
/// `{"spec":{"template":{..., "$patch":"replace"}}}` (what OpenKruise's CloneSet, Advanced
/// StatefulSet and Advanced DaemonSet record), written as Go would write it so hashes agree.
/// </summary>
public sealed class RevisionData
{
    private const string PatchDirective = "$patch";

    private string? _comparable;

    private RevisionData(JsonObject node, string raw)
    {
        Node = node;
        Raw = raw;
    }

    /// <summary>The data as a JSON tree (what goes into ControllerRevision.data).</summary>
    public JsonObject Node { get; }

    /// <summary>The canonical bytes (as text) the hash is computed over.</summary>
    public string Raw { get; }

    public static RevisionData FromTemplate(V1PodTemplateSpec template)
    {
        var templateNode = JsonNode.Parse(KubernetesJson.Serialize(template))!.AsObject();
        AddGoZeroValues(templateNode);
        templateNode[PatchDirective] = "replace";
        var node = new JsonObject { ["spec"] = new JsonObject { ["template"] = templateNode } };
        return new RevisionData(node, GoJson.Serialize(node));
    }

    /// <summary>Reads observed data (any JSON form the API returned); null when it is not an object.</summary>
    public static RevisionData? FromNode(JsonNode? data) =>
        data is JsonObject obj ? new RevisionData(obj, GoJson.Serialize(obj)) : null;

    public string Hash(int collisionCount) => RevisionHash.Compute(Raw, collisionCount);

    /// <summary>
    /// Whether two revisions restore the same template. Nulls are dropped first: an API server may
    /// store `creationTimestamp: null` or leave it out, and that must never look like a hash collision.
    /// </summary>
    public bool IsEquivalentTo(RevisionData other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Comparable == other.Comparable;
    }

    // Observed revisions live as long as the entity's view of them; compute their comparable form once.
    private string Comparable => _comparable ??= GoJson.Serialize(WithoutNulls(Node));

    /// <summary>The pod template this revision restores, or null when the data holds none.</summary>
    public V1PodTemplateSpec? Template()
    {
        if (Node["spec"]?["template"] is not JsonObject template)
            return null;
        var copy = template.DeepClone().AsObject();
        copy.Remove(PatchDirective);
        return KubernetesJson.Deserialize<V1PodTemplateSpec>(copy.ToJsonString());
    }

    // Go marshals some struct fields even when empty (ObjectMeta.creationTimestamp as null,
    // Container.resources as {}); KubernetesClient omits them. Adding them keeps the bytes Go's.
    private static void AddGoZeroValues(JsonObject template)
    {
        var metadata = template["metadata"] as JsonObject ?? new JsonObject();
        template["metadata"] = metadata;
        if (!metadata.ContainsKey("creationTimestamp"))
            metadata["creationTimestamp"] = null;
        if (template["spec"] is not JsonObject spec)
            return;
        foreach (var listName in new[] { "initContainers", "containers", "ephemeralContainers" })
        {
            if (spec[listName] is not JsonArray containers)
                continue;
            foreach (var container in containers.OfType<JsonObject>())
            {
                if (!container.ContainsKey("resources"))
                    container["resources"] = new JsonObject();
            }
        }
    }

    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray array => new JsonArray(array.Select(WithoutNulls).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
