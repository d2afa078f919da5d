using System.Text.Json.Nodes;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>Picks the table printer for a kind: built-in printers, a CRD's printer columns, or a default.</summary>
public static class TablePrinters
{
    // Declared before the table below: static initializers run in text order.
    /// <summary>NAME and AGE: what kubectl shows for any kind when nothing better is known.</summary>
    public static TablePrinter Default { get; } = new(
        [TableColumn.NameColumn, TableColumn.Age],
        (o, now) => [CorePrinters.Name(o), CorePrinters.Age(o, now)]);

    /// <summary>The API server's default convertor: NAME and CREATED AT (a date column holding the RFC 3339 creation time).</summary>
    public static TablePrinter CreatedAt { get; } = new(
        [TableColumn.NameColumn, new("Created At", "date", Description: TableColumn.CreationTimestampDescription)],
        (o, _) => [CorePrinters.Name(o), CreationTime(o)]);

    private static readonly Dictionary<(string Group, string Kind), TablePrinter> BuiltIn = new()
    {
        [("", "Pod")] = PodPrinter.Printer,
        [("", "Node")] = NodePrinter.Printer,
        [("", "Namespace")] = CorePrinters.Namespace,
        [("", "Event")] = EventPrinter.Printer,
        [("", "ConfigMap")] = CorePrinters.ConfigMap,
        [("", "Secret")] = CorePrinters.Secret,
        [("", "Service")] = CorePrinters.Service,
        [("", "Endpoints")] = CorePrinters.Endpoints,
        [("", "ServiceAccount")] = CorePrinters.ServiceAccount,
        [("", "PersistentVolumeClaim")] = CorePrinters.PersistentVolumeClaim,
        [("apps", "Deployment")] = WorkloadPrinters.Deployment,
        [("apps", "ReplicaSet")] = WorkloadPrinters.ReplicaSet,
        [("apps", "StatefulSet")] = WorkloadPrinters.StatefulSet,
        [("apps", "DaemonSet")] = WorkloadPrinters.DaemonSet,
        [("apps", "ControllerRevision")] = WorkloadPrinters.ControllerRevision,
        [("batch", "Job")] = WorkloadPrinters.Job,
        [("batch", "CronJob")] = WorkloadPrinters.CronJob,
        [("admissionregistration.k8s.io", "MutatingWebhookConfiguration")] = AdmissionPrinters.WebhookConfiguration,
        [("admissionregistration.k8s.io", "ValidatingWebhookConfiguration")] = AdmissionPrinters.WebhookConfiguration,
        [("coordination.k8s.io", "Lease")] = CorePrinters.Lease,
        [("", "PersistentVolume")] = StoragePrinters.PersistentVolume,
        [("", "ResourceQuota")] = ClusterPrinters.ResourceQuota,
        [("storage.k8s.io", "StorageClass")] = StoragePrinters.StorageClass,
        [("policy", "PodDisruptionBudget")] = ClusterPrinters.PodDisruptionBudget,
        [("scheduling.k8s.io", "PriorityClass")] = ClusterPrinters.PriorityClass,
        [("rbac.authorization.k8s.io", "RoleBinding")] = ClusterPrinters.RoleBinding,
        [("rbac.authorization.k8s.io", "ClusterRoleBinding")] = ClusterPrinters.ClusterRoleBinding,
        [("networking.k8s.io", "Ingress")] = IngressPrinter.Printer,
        [("autoscaling", "HorizontalPodAutoscaler")] = AutoscalerPrinter.Printer,
        // Kinds the API server has no printer for get its default convertor (NAME, CREATED AT).
        [("apiextensions.k8s.io", "CustomResourceDefinition")] = CreatedAt,
        [("rbac.authorization.k8s.io", "Role")] = CreatedAt,
        [("rbac.authorization.k8s.io", "ClusterRole")] = CreatedAt,
        [("", "LimitRange")] = CreatedAt,
    };

    /// <summary>The printer for a built-in kind (group "" for core), the Default one when it has none here.</summary>
    public static TablePrinter ForBuiltIn(string group, string kind) =>
        BuiltIn.TryGetValue((group, kind), out var printer) ? printer : Default;

    /// <summary>A custom resource's printer from its served version's additionalPrinterColumns (none: NAME AGE).</summary>
    public static TablePrinter ForCustomResource(IEnumerable<V1CustomResourceColumnDefinition>? additionalPrinterColumns) =>
        CustomResourcePrinter.Create(additionalPrinterColumns);

    // Go's zero time when unset, as metav1.Time prints it.
    private static string CreationTime(JsonObject o) =>
        Timestamps.Parse(JsonRead.At(o, "metadata", "creationTimestamp")) is { } t
            ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : "0001-01-01T00:00:00Z";
}
