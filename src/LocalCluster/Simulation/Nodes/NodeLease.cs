using System.Globalization;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Simulation.Nodes;

/// <summary>A node's heartbeat: the Lease named after it in kube-node-lease, as the kubelet keeps it.</summary>
internal static class NodeLease
{
    public const string Namespace = "kube-node-lease";

    /// <summary>The kubelet's lease duration; the node lifecycle controller reads silence from its own clock, not from this.</summary>
    public const int DurationSeconds = 40;

    /// <summary>A new lease, owned by its Node so the garbage collector removes it with the node.</summary>
    public static JsonObject Build(string nodeName, string nodeUid, DateTimeOffset now) => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject
        {
            ["name"] = nodeName,
            ["namespace"] = Namespace,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Node",
                ["name"] = nodeName,
                ["uid"] = nodeUid,
            }),
        },
        ["spec"] = new JsonObject
        {
            ["holderIdentity"] = nodeName,
            ["leaseDurationSeconds"] = DurationSeconds,
            ["renewTime"] = MicroTime(now),
        },
    };

    /// <summary>The renewal a kubelet writes: holder and duration restored, renewTime now.</summary>
    public static void Renew(JsonObject lease, string nodeName, DateTimeOffset now)
    {
        var spec = lease["spec"] as JsonObject ?? [];
        spec["holderIdentity"] = nodeName;
        spec["leaseDurationSeconds"] = DurationSeconds;
        spec["renewTime"] = MicroTime(now);
        lease["spec"] = spec;
    }

    public static string RenewTime(JsonObject lease) => JsonRead.Str(lease, "spec", "renewTime");

    /// <summary>metav1.MicroTime's wire form: RFC 3339 with microseconds.</summary>
    public static string MicroTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
