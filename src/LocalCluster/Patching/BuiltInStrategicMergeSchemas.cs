namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>
/// The patchStrategy/patchMergeKey struct tags of the built-in kinds the embedded server serves,
/// transcribed from k8s.io/api (core/v1, apps/v1, batch/v1, policy/v1) and ObjectMeta in
/// k8s.io/apimachinery. Only tagged fields and the objects leading to them are listed; lists
/// without a tag (tolerations, readinessGates, containerStatuses, taints, subsets, ...) are replaced.
/// </summary>
internal static class BuiltInStrategicMergeSchemas
{
    private static readonly StrategicMergeSchema ObjectMeta = Schema(
        MergeList("ownerReferences", "uid"),
        MergeList("finalizers"));

    // Container and EphemeralContainer(Common) carry the same tags.
    private static readonly StrategicMergeSchema Container = Schema(
        MergeList("ports", "containerPort"),
        MergeList("env", "name"),
        MergeList("volumeMounts", "mountPath"),
        MergeList("volumeDevices", "devicePath"));

    private static readonly StrategicMergeSchema PodSpec = Schema(
        MergeList("volumes", "name", retainKeys: true),
        MergeList("initContainers", "name", Container),
        MergeList("containers", "name", Container),
        MergeList("ephemeralContainers", "name", Container),
        MergeList("imagePullSecrets", "name"),
        MergeList("hostAliases", "ip"),
        MergeList("topologySpreadConstraints", "topologyKey"),
        MergeList("schedulingGates", "name"),
        MergeList("resourceClaims", "name", retainKeys: true));

    private static readonly StrategicMergeSchema PodStatus = Schema(
        MergeList("conditions", "type"),
        MergeList("hostIPs", "ip"),
        MergeList("podIPs", "ip"),
        MergeList("resourceClaimStatuses", "name", retainKeys: true));

    private static readonly StrategicMergeSchema PodTemplateSpec = Schema(Object("metadata", ObjectMeta), Object("spec", PodSpec));

    /// <summary>Every status below whose only tagged list is conditions merged by type.</summary>
    private static readonly StrategicMergeSchema ConditionsByType = Schema(MergeList("conditions", "type"));

    private static readonly StrategicMergeSchema JobSpec = Schema(Object("template", PodTemplateSpec));

    private static readonly Dictionary<(string Group, string Kind), StrategicMergeSchema> Kinds = new()
    {
        [("", "Pod")] = Kind(Object("spec", PodSpec), Object("status", PodStatus)),
        [("", "PodTemplate")] = Kind(Object("template", PodTemplateSpec)),
        [("", "ReplicationController")] = Kind(Object("spec", Schema(Object("template", PodTemplateSpec))), Object("status", ConditionsByType)),
        [("", "Service")] = Kind(Object("spec", Schema(MergeList("ports", "port"))), Object("status", ConditionsByType)),
        [("", "Node")] = Kind(
            Object("spec", Schema(MergeList("podCIDRs"))),
            Object("status", Schema(MergeList("conditions", "type"), MergeList("addresses", "type")))),
        [("", "Namespace")] = Kind(Object("status", ConditionsByType)),
        [("", "PersistentVolumeClaim")] = Kind(Object("status", ConditionsByType)),
        [("", "ServiceAccount")] = Kind(MergeList("secrets", "name")),
        [("", "ConfigMap")] = Kind(),
        [("", "Secret")] = Kind(),
        [("", "Endpoints")] = Kind(),
        [("", "Event")] = Kind(),
        [("events.k8s.io", "Event")] = Kind(),
        [("coordination.k8s.io", "Lease")] = Kind(),
        [("apps", "Deployment")] = Kind(
            Object("spec", Schema(Object("template", PodTemplateSpec), Object("strategy", retainKeys: true))),
            Object("status", ConditionsByType)),
        [("apps", "StatefulSet")] = Kind(Object("spec", Schema(Object("template", PodTemplateSpec))), Object("status", ConditionsByType)),
        [("apps", "DaemonSet")] = Kind(Object("spec", Schema(Object("template", PodTemplateSpec))), Object("status", ConditionsByType)),
        [("apps", "ReplicaSet")] = Kind(Object("spec", Schema(Object("template", PodTemplateSpec))), Object("status", ConditionsByType)),
        [("batch", "Job")] = Kind(Object("spec", JobSpec), Object("status", ConditionsByType)),
        [("batch", "CronJob")] = Kind(Object("spec", Schema(Object("jobTemplate", Schema(Object("metadata", ObjectMeta), Object("spec", JobSpec)))))),
        [("policy", "PodDisruptionBudget")] = Kind(
            Object("spec", Schema(("selector", new StrategicMergeField(PatchStrategy.Replace)))),
            Object("status", ConditionsByType)),
    };

    public static bool TryGet(string group, string kind, out StrategicMergeSchema schema) =>
        Kinds.TryGetValue((group, kind), out schema!);

    /// <summary>A top-level kind: its fields plus metadata, which every kind has.</summary>
    private static StrategicMergeSchema Kind(params (string Name, StrategicMergeField Field)[] fields) =>
        Schema([Object("metadata", ObjectMeta), .. fields]);

    private static StrategicMergeSchema Schema(params (string Name, StrategicMergeField Field)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Field, StringComparer.Ordinal));

    private static (string, StrategicMergeField) MergeList(string name, string? mergeKey = null, StrategicMergeSchema? of = null, bool retainKeys = false) =>
        (name, new StrategicMergeField(PatchStrategy.Merge, mergeKey, retainKeys, of));

    private static (string, StrategicMergeField) Object(string name, StrategicMergeSchema? schema = null, bool retainKeys = false) =>
        (name, new StrategicMergeField(RetainKeys: retainKeys, Schema: schema));
}
