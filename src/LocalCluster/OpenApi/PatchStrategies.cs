using System.Collections.Frozen;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>How a strategic merge patch treats one field: "merge" (lists by key), "retainKeys", "replace".</summary>
public sealed record PatchStrategy(string Strategy, string? MergeKey);

/// <summary>
/// The patch strategies of the built-in types, as Kubernetes' Go struct tags declare them (KubernetesClient's
/// models do not carry them). kubectl apply computes its strategic merge patch from the OpenAPI
/// extensions built from this table, so a list missing here would be sent whole and never merged.
/// </summary>
public static class PatchStrategies
{
    private static readonly PatchStrategy MergeByName = new("merge", "name");
    private static readonly PatchStrategy MergeByType = new("merge", "type");
    private static readonly PatchStrategy MergeByIp = new("merge", "ip");

    private static readonly FrozenDictionary<(Type Type, string Field), PatchStrategy> ByField = new Dictionary<(Type, string), PatchStrategy>
    {
        [(typeof(V1ObjectMeta), "finalizers")] = new("merge", null),
        [(typeof(V1ObjectMeta), "ownerReferences")] = new("merge", "uid"),

        [(typeof(V1PodSpec), "containers")] = MergeByName,
        [(typeof(V1PodSpec), "initContainers")] = MergeByName,
        [(typeof(V1PodSpec), "ephemeralContainers")] = MergeByName,
        [(typeof(V1PodSpec), "imagePullSecrets")] = MergeByName,
        [(typeof(V1PodSpec), "schedulingGates")] = MergeByName,
        [(typeof(V1PodSpec), "hostAliases")] = new("merge", "ip"),
        [(typeof(V1PodSpec), "topologySpreadConstraints")] = new("merge", "topologyKey"),
        [(typeof(V1PodSpec), "volumes")] = new("merge,retainKeys", "name"),
        [(typeof(V1PodSpec), "resourceClaims")] = new("merge,retainKeys", "name"),
        [(typeof(V1Container), "env")] = MergeByName,
        [(typeof(V1Container), "ports")] = new("merge", "containerPort"),
        [(typeof(V1Container), "volumeMounts")] = new("merge", "mountPath"),
        [(typeof(V1Container), "volumeDevices")] = new("merge", "devicePath"),
        [(typeof(V1EphemeralContainer), "env")] = MergeByName,
        [(typeof(V1EphemeralContainer), "ports")] = new("merge", "containerPort"),
        [(typeof(V1EphemeralContainer), "volumeMounts")] = new("merge", "mountPath"),
        [(typeof(V1EphemeralContainer), "volumeDevices")] = new("merge", "devicePath"),
        [(typeof(V1PodStatus), "conditions")] = MergeByType,
        [(typeof(V1PodStatus), "podIPs")] = MergeByIp,
        [(typeof(V1PodStatus), "hostIPs")] = MergeByIp,
        [(typeof(V1PodStatus), "resourceClaimStatuses")] = new("merge,retainKeys", "name"),
        [(typeof(V1ContainerStatus), "volumeMounts")] = new("merge", "mountPath"),
        [(typeof(V1ContainerStatus), "allocatedResourcesStatus")] = MergeByName,

        [(typeof(V1NodeSpec), "podCIDRs")] = new("merge", null),
        [(typeof(V1NodeStatus), "addresses")] = MergeByType,
        [(typeof(V1NodeStatus), "conditions")] = MergeByType,
        [(typeof(V1NamespaceStatus), "conditions")] = MergeByType,
        [(typeof(V1PersistentVolumeClaimStatus), "conditions")] = MergeByType,
        [(typeof(V1ServiceSpec), "ports")] = new("merge", "port"),
        [(typeof(V1ServiceStatus), "conditions")] = MergeByType,
        [(typeof(V1ServiceAccount), "secrets")] = MergeByName,
        [(typeof(V1ReplicationControllerStatus), "conditions")] = MergeByType,

        [(typeof(V1DeploymentSpec), "strategy")] = new("retainKeys", null),
        [(typeof(V1DeploymentStatus), "conditions")] = MergeByType,
        [(typeof(V1ReplicaSetStatus), "conditions")] = MergeByType,
        [(typeof(V1StatefulSetStatus), "conditions")] = MergeByType,
        [(typeof(V1DaemonSetStatus), "conditions")] = MergeByType,
        [(typeof(V1JobStatus), "conditions")] = MergeByType,
        [(typeof(V2HorizontalPodAutoscalerStatus), "conditions")] = MergeByType,
        [(typeof(V1PodDisruptionBudgetSpec), "selector")] = new("replace", null),
        [(typeof(V1PodDisruptionBudgetStatus), "conditions")] = MergeByType,

        [(typeof(V1MutatingWebhookConfiguration), "webhooks")] = MergeByName,
        [(typeof(V1ValidatingWebhookConfiguration), "webhooks")] = MergeByName,
        [(typeof(V1MutatingWebhook), "matchConditions")] = MergeByName,
        [(typeof(V1ValidatingWebhook), "matchConditions")] = MergeByName,
        [(typeof(V1JSONSchemaProps), "x-kubernetes-validations")] = new("merge", "rule"),
    }.ToFrozenDictionary();

    /// <summary>The strategy of a field (by its JSON name) of a built-in type, or null when the field is replaced whole.</summary>
    public static PatchStrategy? For(Type type, string field) => ByField.GetValueOrDefault((type, field));
}
