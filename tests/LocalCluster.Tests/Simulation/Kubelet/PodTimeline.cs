using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using Kruise.Actors.LocalCluster.Simulation.Network;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>
/// Drives the planner as the kubelet host does, without I/O: one pod on one node, its record,
/// the node's images, and the pod object whose status each step renders (as if written).
/// </summary>
internal sealed class PodTimeline
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly NodeView Node = new("node-1", Simulated: true, Stopped: false, InternalIp: "172.18.0.2", PodCidr: "10.244.1.0/24");

    public PodTimeline(PodView pod, KubeletTimings? timings = null)
    {
        Pod = pod;
        Timings = timings ?? KubeletTimings.Instant;
    }

    public PodView Pod { get; set; }
    public KubeletTimings Timings { get; }
    public PodRuntime? Record { get; set; }
    public Dictionary<string, DateTimeOffset> Images { get; } = new(StringComparer.Ordinal);
    public IpAssignment NextNetwork { get; set; } = new("10.244.1.2", null);
    public JsonObject Object { get; set; } = new() { ["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" } };
    public KubeletPlan Last { get; private set; } = null!;
    public List<KubeletEvent> AllEvents { get; } = [];

    public JsonObject Status => (JsonObject)Object["status"]!;

    /// <summary>One sync at <paramref name="now"/>: plan, keep the record, note pulls, and render the status if the plan writes one.</summary>
    public KubeletPlan Sync(DateTimeOffset now)
    {
        var network = KubeletPlanner.NeedsNetwork(Pod, Record) ? NextNetwork : null;
        Last = KubeletPlanner.Plan(new KubeletInput(Pod, Node, Record, network, image => Images.TryGetValue(image, out var at) ? at : null, Timings, now));
        Record = Last.Record;
        foreach (var pull in Last.Pulls)
            Images[pull.Image] = Images.TryGetValue(pull.Image, out var known) && known < pull.AvailableAt ? known : pull.AvailableAt;
        AllEvents.AddRange(Last.Events);
        if (Last.WriteStatus && Record is not null)
            Object["status"] = PodStatusRenderer.Render(Object, Pod, Node, Record, now);
        return Last;
    }

    /// <summary>Sync at each due time until nothing is due (at most <paramref name="steps"/>), as the host's timers do.</summary>
    public void RunUntilIdle(DateTimeOffset start, int steps = 50)
    {
        Sync(start);
        for (var i = 0; i < steps && Last.NextDue is { } next; i++)
            Sync(next);
    }

    public IEnumerable<string> Reasons => Last.Events.Select(e => e.Reason);

    public JsonObject Container(string name = "nginx") =>
        JsonRead.Objects(Status, "containerStatuses").Single(c => JsonRead.Str(c, "name") == name);

    public JsonObject InitContainer(string name) =>
        JsonRead.Objects(Status, "initContainerStatuses").Single(c => JsonRead.Str(c, "name") == name);

    public JsonObject Condition(string type) =>
        JsonRead.Objects(Status, "conditions").Single(c => JsonRead.Str(c, "type") == type);

    public string ConditionStatus(string type) => JsonRead.Str(Condition(type), "status");

    public string Phase => JsonRead.Str(Status, "phase");

    public static ContainerSpec C(string name = "nginx", string image = "nginx:1.25", string policy = "IfNotPresent", bool sidecar = false) =>
        new(name, image, policy, sidecar);

    public static PodView PodOf(params ContainerSpec[] containers) => new(
        "default", "web", "uid-1", "node-1", "Always", false, [], containers, [], false, 30, null, null, "Pending");
}
