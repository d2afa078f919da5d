namespace Kruise.Actors.LocalCluster.Selectors;

/// <summary>
/// Which field labels each kind accepts, transcribed from the API server's per-kind field label
/// conversion functions (pkg/apis/core/v1 and batch/v1 conversion.go). Kinds with none
/// registered (all of apps, ConfigMaps, Leases, ...) fall back to metadata.name and
/// metadata.namespace with the generic message.
/// </summary>
internal static class SupportedFields
{
    private const string Name = "metadata.name";
    private const string Namespace = "metadata.namespace";

    public static readonly FieldLabelSet Metadata = new([Name, Namespace],
        label => $"\"{label}\" is not a known field selector: only \"{Name}\", \"{Namespace}\"");

    private static readonly Dictionary<(string Group, string Kind), FieldLabelSet> ByKind = new()
    {
        [("", "Pod")] = new(
            [Name, Namespace, "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
             "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"],
            aliases: new Dictionary<string, string> { ["spec.host"] = "spec.nodeName" }),
        // Cluster-scoped: metadata.namespace is rejected, not merely empty.
        [("", "Node")] = new([Name, "spec.unschedulable"]),
        [("", "Namespace")] = new([Name, "status.phase"]),
        [("", "Event")] = new(
            [Name, Namespace, "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
             "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
             "reason", "reportingComponent", "source", "type"]),
        [("", "Secret")] = new([Name, Namespace, "type"]),
        [("", "Service")] = new([Name, Namespace, "spec.clusterIP", "spec.type"]),
        [("", "ReplicationController")] = new([Name, Namespace, "status.replicas"]),
        [("batch", "Job")] = new([Name, Namespace, "status.successful"],
            label => $"field label \"{label}\" not supported for batchv1.Job"),
        [("certificates.k8s.io", "CertificateSigningRequest")] = new([Name, "spec.signerName"]),
    };

    public static FieldLabelSet For(string group, string kind) =>
        ByKind.TryGetValue((group, kind), out var set) ? set : Metadata;

    /// <summary>
    /// A custom resource: metadata.name, metadata.namespace when namespaced, and the CRD version's
    /// selectableFields (jsonPath such as ".spec.color", selected as "spec.color").
    /// </summary>
    public static FieldLabelSet ForCustomResource(bool namespaced, IEnumerable<string>? selectableJsonPaths) =>
        new([Name, .. namespaced ? [Namespace] : Array.Empty<string>(), .. (selectableJsonPaths ?? []).Select(p => p.TrimStart('.'))]);
}
