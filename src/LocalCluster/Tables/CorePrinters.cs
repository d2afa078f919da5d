using System.Text.Json.Nodes;
using static Kruise.Actors.LocalCluster.JsonRead;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>Namespaces, ConfigMaps, Secrets, Services, Endpoints, ServiceAccounts, PVCs and Leases, column for column as the API server prints them.</summary>
internal static class CorePrinters
{
    public static TablePrinter Namespace { get; } = new(
        [TableColumn.NameColumn, new("Status", Description: "The status of the namespace"), TableColumn.Age],
        (o, now) => [Name(o), Str(o, "status", "phase"), Age(o, now)]);

    public static TablePrinter ConfigMap { get; } = new(
        [TableColumn.NameColumn, new("Data", Description: "Data contains the configuration data."), TableColumn.Age],
        (o, now) => [Name(o), Count(o, "data") + Count(o, "binaryData"), Age(o, now)]);

    public static TablePrinter Secret { get; } = new(
        [TableColumn.NameColumn, new("Type", Description: "Used to facilitate programmatic handling of secret data."),
         new("Data", Description: "Data contains the secret data."), TableColumn.Age],
        (o, now) => [Name(o), Str(o, "type"), Count(o, "data"), Age(o, now)]);

    public static TablePrinter ServiceAccount { get; } = new(
        [TableColumn.NameColumn, new("Secrets", Description: "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), TableColumn.Age],
        (o, now) => [Name(o), Count(o, "secrets"), Age(o, now)]);

    public static TablePrinter Lease { get; } = new(
        [TableColumn.NameColumn, new("Holder", Description: "holderIdentity contains the identity of the holder of a current lease."), TableColumn.Age],
        (o, now) => [Name(o), Str(o, "spec", "holderIdentity"), Age(o, now)]);

    public static TablePrinter Service { get; } = new(
    [
        TableColumn.NameColumn,
        new("Type", Description: "type determines how the Service is exposed."),
        new("Cluster-IP", Description: "clusterIP is the IP address of the service."),
        new("External-IP", Description: "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
        new("Port(s)", Description: "The list of ports that are exposed by this service."),
        TableColumn.Age,
        TableColumn.Wide("Selector", "Route service traffic to pods with label keys and values matching this selector."),
    ], ServiceCells);

    public static TablePrinter PersistentVolumeClaim { get; } = new(
    [
        TableColumn.NameColumn,
        new("Status", Description: "phase represents the current phase of PersistentVolumeClaim."),
        new("Volume", Description: "volumeName is the binding reference to the PersistentVolume backing this claim."),
        new("Capacity", Description: "capacity represents the actual resources of the underlying volume."),
        new("Access Modes", Description: "accessModes contains the actual access modes the volume backing the PVC has."),
        new("StorageClass", Description: "StorageClass of the pvc"),
        new("VolumeAttributesClass", Description: "VolumeAttributesClass of the pvc"),
        TableColumn.Age,
        TableColumn.Wide("VolumeMode", "volumeMode defines what type of volume is required by the claim."),
    ], ClaimCells);

    public static TablePrinter Endpoints { get; } = new(
        [TableColumn.NameColumn, new("Endpoints", Description: "The set of all endpoints is the union of all subsets."), TableColumn.Age],
        (o, now) => [Name(o), EndpointAddresses(o), Age(o, now)]);

    internal static string Name(JsonObject o) => Str(o, "metadata", "name");

    internal static string Age(JsonObject o, DateTimeOffset now) => Timestamps.Since(now, At(o, "metadata", "creationTimestamp"));

    private static JsonNode?[] ServiceCells(JsonObject svc, DateTimeOffset now)
    {
        // Stored Services are defaulted; an undefaulted one prints as the ClusterIP it would become.
        var type = Str(svc, "spec", "type") is { Length: > 0 } t ? t : "ClusterIP";
        var clusterIP = Strings(svc, "spec", "clusterIPs").FirstOrDefault() ?? Str(svc, "spec", "clusterIP");
        var ports = string.Join(",", Objects(svc, "spec", "ports").Select(p =>
        {
            var protocol = Str(p, "protocol") is { Length: > 0 } proto ? proto : "TCP";
            return Int(p, "nodePort") > 0 ? $"{Int(p, "port")}:{Int(p, "nodePort")}/{protocol}" : $"{Int(p, "port")}/{protocol}";
        }));
        return
        [
            Name(svc), type, PodPrinter.OrNone(clusterIP), ExternalIP(svc, type), PodPrinter.OrNone(ports), Age(svc, now),
            SelectorText.Labels(StringMap(svc, "spec", "selector")),
        ];
    }

    // The table is always built wide, so load balancer addresses are not clipped.
    private static string ExternalIP(JsonObject svc, string type)
    {
        var external = Strings(svc, "spec", "externalIPs").ToList();
        switch (type)
        {
            case "ClusterIP" or "NodePort":
                return external.Count > 0 ? string.Join(",", external) : "<none>";
            case "LoadBalancer":
                var ingress = Objects(svc, "status", "loadBalancer", "ingress")
                    .Select(i => Str(i, "ip") is { Length: > 0 } ip ? ip : Str(i, "hostname"))
                    .Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (external.Count > 0)
                    return string.Join(",", ingress.Concat(external));
                return ingress.Count > 0 ? string.Join(",", ingress) : "<pending>";
            case "ExternalName":
                return Str(svc, "spec", "externalName");
            default:
                return "<unknown>";
        }
    }

    private static JsonNode?[] ClaimCells(JsonObject pvc, DateTimeOffset now)
    {
        var phase = Has(pvc, "metadata", "deletionTimestamp") ? "Terminating" : Str(pvc, "status", "phase");
        var volume = Str(pvc, "spec", "volumeName");
        var bound = volume.Length > 0;
        var storageClass = Str(pvc, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class") is { Length: > 0 } annotated
            ? annotated
            : Str(pvc, "spec", "storageClassName");
        return
        [
            Name(pvc), phase, volume,
            bound ? Str(pvc, "status", "capacity", "storage") : "",
            bound ? AccessModes(Strings(pvc, "status", "accessModes").ToHashSet(StringComparer.Ordinal)) : "",
            storageClass,
            Str(pvc, "spec", "volumeAttributesClassName") is { Length: > 0 } vac ? vac : "<unset>",
            Age(pvc, now),
            Str(pvc, "spec", "volumeMode") is { Length: > 0 } mode ? mode : "<unset>",
        ];
    }

    // GetAccessModesAsString: a fixed order, whatever order the list holds.
    internal static string AccessModes(HashSet<string> modes) => string.Join(",", new[]
    {
        ("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP"),
    }.Where(m => modes.Contains(m.Item1)).Select(m => m.Item2));

    // formatEndpoints: "ip:port" for each address and port (bare IPs for port-less subsets), at most three, then "+ N more...".
    private static string EndpointAddresses(JsonObject endpoints)
    {
        var subsets = Objects(endpoints, "subsets").ToList();
        if (subsets.Count == 0)
            return "<none>";
        const int Max = 3;
        var shown = new List<string>();
        var count = 0;
        foreach (var subset in subsets)
        {
            var ips = Objects(subset, "addresses").Select(a => Str(a, "ip")).ToList();
            var ports = Objects(subset, "ports").Select(p => Int(p, "port")).ToList();
            var entries = ports.Count == 0 ? ips : ports.SelectMany(port => ips.Select(ip => HostPort(ip, port))).ToList();
            count += entries.Count;
            shown.AddRange(entries.Take(Max - shown.Count));
        }
        var text = string.Join(",", shown);
        return count > Max ? $"{text} + {count - Max} more..." : text;
    }

    // net.JoinHostPort: IPv6 addresses in brackets.
    private static string HostPort(string ip, long port) => ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]:{port}" : $"{ip}:{port}";
}
