using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Http;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>A group/version/kind as AdmissionReview carries it.</summary>
internal readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public JsonObject ToJson() => new() { ["group"] = Group, ["version"] = Version, ["kind"] = Kind };
}

/// <summary>
/// What the webhook dispatcher knows about a request (the apiserver's admission.Attributes): the
/// operation, resource, name and namespace, and the objects in the form webhooks receive them.
/// Subresources other than status send their own kind: a Scale for scale, the posted Eviction
/// for eviction.
/// </summary>
internal sealed class WebhookAttributes
{
    private static readonly GroupVersionKind ScaleKind = new("autoscaling", "v1", "Scale");

    private WebhookAttributes(AdmissionRequest request)
    {
        Request = request;
        var identity = request.OldObject ?? request.Object;
        Name = ObjectMeta.Name(request.Object) ?? ObjectMeta.Name(identity) ?? "";
        // The apiserver sets the namespace of a request for a Namespace object to its own name.
        Namespace = IsNamespaceResource(request.Type) ? Name
            : request.Type.Namespaced ? ObjectMeta.Namespace(identity) ?? ObjectMeta.Namespace(request.Object) ?? ""
            : "";
        var isDelete = request.Operation == "DELETE";
        Object = isDelete ? null : View(request.Object);
        OldObject = request.OldObject is { } old ? View(old) : null;
        RequestKind = KindOf(request.Type);
    }

    public AdmissionRequest Request { get; }
    public string Operation => Request.Operation;
    public ResourceType Type => Request.Type;
    public string Subresource => Request.Subresource ?? "";
    public string Name { get; }
    public string Namespace { get; }
    public bool DryRun => Request.Options.DryRun || Request.DeleteOptions?.DryRun == true;
    public GroupVersionKind RequestKind { get; }

    /// <summary>The new object (null for DELETE), at the request's version.</summary>
    public JsonObject? Object { get; }

    public JsonObject? OldObject { get; }

    /// <summary>Read once per webhook call: mutating webhooks see what earlier ones changed.</summary>
    public static WebhookAttributes Of(AdmissionRequest request) => new(request);

    public static bool IsNamespaceResource(ResourceType type) => type.Group.Length == 0 && type.Plural == "namespaces";

    /// <summary>Whether objects are the main resource's own (main resource and status) rather than a subresource's kind.</summary>
    public bool ObjectIsResource => Subresource is "" or "status";

    /// <summary>The kind sent for a resource matched at <paramref name="type"/>'s version.</summary>
    public GroupVersionKind KindOf(ResourceType type)
    {
        if (ObjectIsResource)
            return new(type.Group, type.Version, type.Kind);
        if (Subresource == "scale")
            return ScaleKind;
        // Other subresources send what was posted (an Eviction); its kind is the subresource's
        // own, whatever the body claims, but the version the client chose is kept.
        var apiVersion = JsonRead.Str(Request.Object, "apiVersion");
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = (slash < 0 ? "" : apiVersion[..slash], apiVersion[(slash + 1)..]);
        return Subresource switch
        {
            "eviction" => new("policy", group == "policy" && version.Length > 0 ? version : "v1", "Eviction"),
            _ => new(group, version, JsonRead.Str(Request.Object, "kind")),
        };
    }

    /// <summary>
    /// A copy of an object as sent to a webhook that matched at <paramref name="type"/>'s version:
    /// versions of one resource differ only in apiVersion here (no conversion webhooks).
    /// </summary>
    public JsonObject? AtVersion(JsonObject? obj, ResourceType type)
    {
        if (obj is null)
            return null;
        var copy = (JsonObject)obj.DeepClone();
        if (ObjectIsResource)
            copy["apiVersion"] = type.ApiVersion;
        return copy;
    }

    /// <summary>The operation's options object (CreateOptions, UpdateOptions or DeleteOptions).</summary>
    public JsonObject Options()
    {
        var kind = Operation switch
        {
            "CREATE" => "CreateOptions",
            "UPDATE" => "UpdateOptions",
            "DELETE" => "DeleteOptions",
            _ => "ConnectOptions",
        };
        var options = new JsonObject { ["kind"] = kind, ["apiVersion"] = "meta.k8s.io/v1" };
        if (DryRun)
            options["dryRun"] = new JsonArray("All");
        if (Request.DeleteOptions is { } delete)
        {
            if (delete.GracePeriodSeconds is { } grace)
                options["gracePeriodSeconds"] = grace;
            if (delete.PropagationPolicy is { } policy)
                options["propagationPolicy"] = policy;
            var preconditions = new JsonObject();
            if (delete.PreconditionUid is { } uid)
                preconditions["uid"] = uid;
            if (delete.PreconditionResourceVersion is { } rv)
                preconditions["resourceVersion"] = rv;
            if (preconditions.Count > 0)
                options["preconditions"] = preconditions;
        }
        return options;
    }

    private JsonObject View(JsonObject obj) => Subresource == "scale" && Type.Scale is not null
        ? Scales.ToScale(Type, new StoredObject((JsonObject)obj.DeepClone(), ObjectStore.ResourceVersionOf(obj)))
        : obj;
}
