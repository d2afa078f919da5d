namespace Kruise.Actors.LocalCluster.Resources;

/// <summary>The built-in resources the embedded server stores, with the names kubectl expects.</summary>
public static class BuiltinResources
{
    private static readonly ScalePaths WorkloadScale = new(".spec.replicas", ".status.replicas", ".status.selector");

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Core("namespaces", "Namespace", namespaced: false, shortNames: ["ns"], status: true) with { ExtraSubresources = ["finalize"] },
        Core("pods", "Pod", shortNames: ["po"], status: true, categories: ["all"]) with { ExtraSubresources = ["binding", "eviction"] },
        Core("nodes", "Node", namespaced: false, shortNames: ["no"], status: true),
        Core("events", "Event", shortNames: ["ev"]),
        Core("configmaps", "ConfigMap", shortNames: ["cm"]),
        Core("secrets", "Secret"),
        Core("services", "Service", shortNames: ["svc"], status: true, categories: ["all"]),
        Core("endpoints", "Endpoints", shortNames: ["ep"]),
        Core("serviceaccounts", "ServiceAccount", shortNames: ["sa"]),
        Core("persistentvolumeclaims", "PersistentVolumeClaim", shortNames: ["pvc"], status: true),
        Core("persistentvolumes", "PersistentVolume", namespaced: false, shortNames: ["pv"], status: true),
        Core("limitranges", "LimitRange", shortNames: ["limits"]),
        Core("resourcequotas", "ResourceQuota", shortNames: ["quota"], status: true),
        Apps("controllerrevisions", "ControllerRevision"),
        Apps("deployments", "Deployment", ["deploy"], scale: true),
        Apps("replicasets", "ReplicaSet", ["rs"], scale: true),
        Apps("statefulsets", "StatefulSet", ["sts"], scale: true),
        Apps("daemonsets", "DaemonSet", ["ds"]),
        Typed("batch", "v1", "jobs", "Job", status: true, generation: true, categories: ["all"]),
        Typed("batch", "v1", "cronjobs", "CronJob", shortNames: ["cj"], status: true, generation: true, categories: ["all"]),
        Typed("coordination.k8s.io", "v1", "leases", "Lease"),
        Typed("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", shortNames: ["pdb"], status: true, generation: true),
        Typed("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", namespaced: false, shortNames: ["crd", "crds"], status: true, generation: true, categories: ["api-extensions"]),
        Typed("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", namespaced: false, generation: true, categories: ["api-extensions"]),
        Typed("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", namespaced: false, generation: true, categories: ["api-extensions"]),
        Typed("rbac.authorization.k8s.io", "v1", "roles", "Role"),
        Typed("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding"),
        Typed("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", namespaced: false),
        Typed("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", namespaced: false),
        Typed("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", namespaced: false, shortNames: ["pc"]),
        Typed("storage.k8s.io", "v1", "storageclasses", "StorageClass", namespaced: false, shortNames: ["sc"]),
        Typed("networking.k8s.io", "v1", "ingresses", "Ingress", shortNames: ["ing"], status: true, generation: true),
        Typed("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", shortNames: ["hpa"], status: true, categories: ["all"]),
    ];

    private static ResourceType Core(string plural, string kind, bool namespaced = true, string[]? shortNames = null, bool status = false, string[]? categories = null) =>
        Typed("", "v1", plural, kind, namespaced, shortNames, status, generation: false, categories);

    private static ResourceType Apps(string plural, string kind, string[]? shortNames = null, bool scale = false) =>
        Typed("apps", "v1", plural, kind, shortNames: shortNames, status: plural != "controllerrevisions", generation: true,
            categories: plural == "controllerrevisions" ? null : ["all"]) with { Scale = scale ? WorkloadScale : null };

    private static ResourceType Typed(string group, string version, string plural, string kind, bool namespaced = true,
        string[]? shortNames = null, bool status = false, bool generation = false, string[]? categories = null) => new()
        {
            Group = group,
            Version = version,
            StorageVersion = version,
            Plural = plural,
            Kind = kind,
            Namespaced = namespaced,
            ShortNames = shortNames ?? [],
            Categories = categories ?? [],
            HasStatus = status,
            HasGeneration = generation,
        };
}
