using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.LocalCluster.Simulation.Scheduling;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>Nodes and pods as the API holds them, built tersely for planner tests.</summary>
internal static class SchedulingObjects
{
    public static NodeBuilder Node(string name) => new(name);

    public static PodBuilder Pod(string name) => new(name);

    /// <summary>A snapshot holding the nodes and the pods placed on the nodes their spec.nodeName names.</summary>
    public static SchedulingSnapshot Snapshot(IEnumerable<NodeBuilder> nodes, IEnumerable<PodBuilder>? placed = null)
    {
        var snapshot = new SchedulingSnapshot();
        foreach (var node in nodes)
            snapshot.SetNode(node.Facts);
        foreach (var pod in placed ?? [])
            snapshot.Place(pod.Facts, pod.Facts.NodeName);
        return snapshot;
    }

    /// <summary>Plans and places each pod in turn, as the scheduler does; returns the node each got.</summary>
    public static List<string> ScheduleInTurn(SchedulingSnapshot snapshot, IEnumerable<PodBuilder> pods)
    {
        var nodes = new List<string>();
        foreach (var pod in pods)
        {
            var decision = Assert.IsType<SchedulingDecision.Assign>(SchedulingPlanner.Plan(pod.Facts, snapshot));
            snapshot.Place(pod.Facts, decision.Node);
            nodes.Add(decision.Node);
        }
        return nodes;
    }

    public static string[] FeasibleNames(PodBuilder pod, SchedulingSnapshot snapshot) =>
        [.. SchedulingPlanner.Filter(pod.Facts, snapshot).Feasible.Select(n => n.Name)];

    public static string Message(PodBuilder pod, SchedulingSnapshot snapshot) =>
        Assert.IsType<SchedulingDecision.Unschedulable>(SchedulingPlanner.Plan(pod.Facts, snapshot)).Message;

    public static string Chosen(PodBuilder pod, SchedulingSnapshot snapshot) =>
        Assert.IsType<SchedulingDecision.Assign>(SchedulingPlanner.Plan(pod.Facts, snapshot)).Node;

    public static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}

internal sealed class NodeBuilder
{
    private readonly JsonObject _node;

    public NodeBuilder(string name)
    {
        _node = SchedulingObjects.Json($$$"""
            {"apiVersion":"v1","kind":"Node",
             "metadata":{"name":"{{{name}}}","labels":{"kubernetes.io/hostname":"{{{name}}}"}},
             "spec":{},
             "status":{"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},
                       "conditions":[{"type":"Ready","status":"True"}]}}
            """);
    }

    public NodeFacts Facts => NodeFacts.From(_node);
    public JsonObject Object => _node;

    public NodeBuilder Zone(string zone) => Label(SimulationConventions.ZoneLabel, zone);

    public NodeBuilder Label(string key, string value)
    {
        _node["metadata"]!["labels"]![key] = value;
        return this;
    }

    public NodeBuilder Allocatable(string? cpu = null, string? memory = null, string? pods = null, string? extended = null)
    {
        var allocatable = _node["status"]!["allocatable"]!.AsObject();
        if (cpu is not null)
            allocatable["cpu"] = cpu;
        if (memory is not null)
            allocatable["memory"] = memory;
        if (pods is not null)
            allocatable["pods"] = pods;
        if (extended is not null)
            allocatable["example.com/gpu"] = extended;
        return this;
    }

    public NodeBuilder Taint(string key, string value, string effect)
    {
        var spec = _node["spec"]!.AsObject();
        var taints = spec["taints"] as JsonArray ?? [];
        taints.Add(new JsonObject { ["key"] = key, ["value"] = value, ["effect"] = effect });
        spec["taints"] = taints;
        return this;
    }

    public NodeBuilder Ready(string status)
    {
        _node["status"]!["conditions"]![0]!["status"] = status;
        return this;
    }

    public NodeBuilder Unschedulable()
    {
        _node["spec"]!["unschedulable"] = true;
        return this;
    }
}

internal sealed class PodBuilder
{
    private readonly JsonObject _pod;

    public PodBuilder(string name)
    {
        _pod = SchedulingObjects.Json($$$"""
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"{{{name}}}","namespace":"default","uid":"uid-{{{name}}}"},
             "spec":{"containers":[{"name":"app","image":"nginx"}]},
             "status":{"phase":"Pending"}}
            """);
    }

    public PodFacts Facts => PodFacts.From(_pod);
    public JsonObject Object => _pod;

    public PodBuilder Namespace(string ns)
    {
        _pod["metadata"]!["namespace"] = ns;
        return this;
    }

    /// <summary>Labels as "key=value" pairs.</summary>
    public PodBuilder Labels(params string[] pairs)
    {
        var labels = new JsonObject();
        foreach (var pair in pairs)
            labels[pair.Split('=')[0]] = pair.Split('=')[1];
        _pod["metadata"]!["labels"] = labels;
        return this;
    }

    /// <summary>Controlled by an owner with this uid.</summary>
    public PodBuilder Owner(string uid)
    {
        _pod["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps.kruise.io/v1alpha1", ["kind"] = "CloneSet", ["name"] = uid, ["uid"] = uid, ["controller"] = true,
        });
        return this;
    }

    public PodBuilder Requests(string? cpu = null, string? memory = null)
    {
        var requests = new JsonObject();
        if (cpu is not null)
            requests["cpu"] = cpu;
        if (memory is not null)
            requests["memory"] = memory;
        _pod["spec"]!["containers"]![0]!["resources"] = new JsonObject { ["requests"] = requests };
        return this;
    }

    /// <summary>Sets top-level spec fields from a JSON object's text.</summary>
    public PodBuilder Spec(string json)
    {
        foreach (var (key, value) in SchedulingObjects.Json(json))
            _pod["spec"]![key] = value?.DeepClone();
        return this;
    }

    public PodBuilder On(string node)
    {
        _pod["spec"]!["nodeName"] = node;
        return this;
    }

    public PodBuilder Deleting()
    {
        _pod["metadata"]!["deletionTimestamp"] = "2025-01-01T00:00:00Z";
        return this;
    }

    public PodBuilder Phase(string phase)
    {
        _pod["status"]!["phase"] = phase;
        return this;
    }
}
