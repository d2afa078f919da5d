using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>Per-kind behaviour of built-in resources that clients rely on (defaults, immutability, CRD serving).</summary>
public static class BuiltinRules
{
    // decoded: the object as BuiltinDecoding.Check decoded it (spec unchanged since), so pods are not decoded twice.
    public static void OnCreate(ResourceType type, JsonObject obj, ResourceService service, object? decoded = null)
    {
        if (!type.IsCustom)
            WorkloadDefaults.Apply(type.Group, type.Kind, obj);
        switch (type.Group, type.Plural)
        {
            case ("", "pods"):
                PodRules.OnCreate(obj, (decoded as V1Pod)?.Spec);
                break;
            case ("", "namespaces"):
                var name = ObjectMeta.Name(obj)!;
                var labels = ObjectMeta.Metadata(obj)["labels"] as JsonObject ?? [];
                labels["kubernetes.io/metadata.name"] = name;
                ObjectMeta.Metadata(obj)["labels"] = labels;
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case ("", "services"):
                ServiceRules.OnCreate(obj, service);
                break;
            case ("", "secrets"):
                MergeStringData(obj);
                break;
            case ("apiextensions.k8s.io", "customresourcedefinitions"):
                CrdRules.OnWrite(obj);
                break;
        }
    }

    public static void OnUpdate(ResourceType type, JsonObject before, JsonObject after)
    {
        if (!type.IsCustom)
            WorkloadDefaults.Apply(type.Group, type.Kind, after);
        switch (type.Group, type.Plural)
        {
            case ("", "pods"):
                PodRules.OnUpdate(before, after);
                break;
            case ("", "secrets"):
                MergeStringData(after);
                break;
            case ("", "namespaces"):
                // Only the finalize subresource changes spec.finalizers (the namespace strategy's PrepareForUpdate).
                var spec = after["spec"] as JsonObject ?? [];
                spec.Remove("finalizers");
                if (before["spec"]?["finalizers"] is { } finalizers)
                    spec["finalizers"] = finalizers.DeepClone();
                after["spec"] = spec;
                break;
            case ("apiextensions.k8s.io", "customresourcedefinitions"):
                CrdRules.OnWrite(after);
                break;
        }
    }

    public static void AfterWrite(ResourceType type, StoredObject stored, ResourceService service)
    {
        if (type is { Group: "apiextensions.k8s.io", Plural: "customresourcedefinitions" } && !ObjectMeta.IsDeleting(stored.Object))
            service.Registry.Register(KubernetesJson.Deserialize<V1CustomResourceDefinition>(stored.Object.ToJsonString()));
    }

    /// <summary>Deleting a CRD stops serving its resources and deletes every object of them.</summary>
    public static async Task AfterDelete(ResourceType type, StoredObject last, ResourceService service, CancellationToken cancellationToken)
    {
        if (type is not { Group: "apiextensions.k8s.io", Plural: "customresourcedefinitions" })
            return;
        var group = (string?)last.Object["spec"]?["group"] ?? "";
        var plural = (string?)last.Object["spec"]?["names"]?["plural"] ?? "";
        var key = new StorageKey(group, plural);
        var served = service.Registry.Storage(key);
        service.Registry.Unregister(group, plural);
        if (served is null)
            return;
        foreach (var item in service.Store.List(key, null).Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await service.Store.Delete(key, item.Namespace, item.Name, item.ResourceVersion).ConfigureAwait(false);
            }
            catch (ApiException)
            {
                // Changed or gone meanwhile; nothing of this resource is served any more either way.
            }
        }
    }

    // The apiserver folds write-only stringData into base64 data before storing a Secret.
    private static void MergeStringData(JsonObject secret)
    {
        if (secret["stringData"] is not JsonObject stringData)
            return;
        var data = secret["data"] as JsonObject ?? [];
        foreach (var (key, value) in stringData)
            data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes((string?)value ?? ""));
        secret["data"] = data;
        secret.Remove("stringData");
    }

    internal static V1PodTemplateSpec? ToTemplate(JsonObject pod) =>
        KubernetesJson.Deserialize<V1PodTemplateSpec>(new JsonObject { ["spec"] = pod["spec"]?.DeepClone() }.ToJsonString());

    // decodedSpec: the pod's spec as BuiltinDecoding.Check already decoded it; decoding it again cost as much as the check.
    internal static void ApplyTemplateDefaults(JsonObject pod, V1PodSpec? decodedSpec = null)
    {
        var template = decodedSpec is null ? ToTemplate(pod) : new V1PodTemplateSpec { Spec = decodedSpec };
        PodTemplateDefaults.Apply(template);
        if (template?.Spec is not null)
            pod["spec"] = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(template.Spec, KubernetesJsonMetadata.Options));
    }
}
