using System.Text.Json;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;

namespace Kruise.Actors.Kube;

/// <summary>
/// A resource the controller lists and watches: its REST coordinates, its kind, and how to decode
/// one object of it into its typed model.
/// </summary>
public sealed class WatchedResource
{
    private readonly Func<JsonElement, IKubernetesObject<V1ObjectMeta>> _decode;

    private WatchedResource(string group, string version, string plural, string kind, bool namespaced, Func<JsonElement, IKubernetesObject<V1ObjectMeta>> decode)
    {
        Group = group;
        Version = version;
        Plural = plural;
        Kind = kind;
        Namespaced = namespaced;
        _decode = decode;
    }

    public string Group { get; }
    public string Version { get; }
    public string Plural { get; }
    public string Kind { get; }
    public bool Namespaced { get; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    // Pods are the one resource held by the thousand: only what the controller reads of them is decoded and kept.
    public static readonly WatchedResource Pods = new("", "v1", "pods", "Pod", namespaced: true, element => PodTrimming.Decode(element)!);
    public static readonly WatchedResource PersistentVolumeClaims = Create<V1PersistentVolumeClaim>("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim");
    public static readonly WatchedResource ControllerRevisions = Create<V1ControllerRevision>("apps", "v1", "controllerrevisions", "ControllerRevision");
    public static readonly WatchedResource CloneSets = Create<CloneSet>("apps.kruise.io", "v1alpha1", "clonesets", "CloneSet");

    public static WatchedResource Create<T>(string group, string version, string plural, string kind, bool namespaced = true)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(group, version, plural, kind, namespaced, element => KubernetesJson.Deserialize<T>(element));

    /// <summary>The collection across all namespaces (relative to the API base URI).</summary>
    public string CollectionPath => (Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}") + "/" + Plural;

    /// <summary>Decodes one object and fills in apiVersion and kind (list items omit them).</summary>
    public IKubernetesObject<V1ObjectMeta> Decode(JsonElement element)
    {
        var obj = _decode(element) ?? throw new JsonException($"a {Kind} decoded to null");
        obj.ApiVersion ??= ApiVersion;
        obj.Kind ??= Kind;
        if (obj.ApiVersion.Length == 0)
            obj.ApiVersion = ApiVersion;
        if (obj.Kind.Length == 0)
            obj.Kind = Kind;
        obj.Metadata ??= new V1ObjectMeta();
        return obj;
    }

    public override string ToString() => Plural + (Group.Length == 0 ? "" : "." + Group);
}
