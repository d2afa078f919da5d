using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>What the scheduler needs of a Pod, read once per change.</summary>
public sealed record PodFacts
{
    public required string Uid { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public IDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string NodeName { get; init; } = "";
    public string SchedulerName { get; init; } = "";
    public int Priority { get; init; }

    /// <summary>Succeeded or Failed: it holds no resources and is never scheduled.</summary>
    public bool Terminal { get; init; }

    public bool Deleting { get; init; }

    /// <summary>Has schedulingGates: not to be scheduled until they are removed.</summary>
    public bool Gated { get; init; }

    /// <summary>Effective requests: containers and sidecars, the largest init container, and overhead.</summary>
    public ResourceAmounts Requests { get; init; } = ResourceAmounts.Zero;

    /// <summary>cpu and memory as scoring counts them: a container without a request counts 100m and 200Mi.</summary>
    public long NonZeroMilliCpu { get; init; }
    public long NonZeroMemory { get; init; }

    public IDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();
    public V1NodeSelector? RequiredNodeAffinity { get; init; }
    public IReadOnlyList<V1PreferredSchedulingTerm> PreferredNodeAffinity { get; init; } = [];
    public IReadOnlyList<AffinityTerm> RequiredAffinity { get; init; } = [];
    public IReadOnlyList<AffinityTerm> RequiredAntiAffinity { get; init; } = [];
    public IReadOnlyList<AffinityTerm> PreferredAffinity { get; init; } = [];
    public IReadOnlyList<AffinityTerm> PreferredAntiAffinity { get; init; } = [];
    public IReadOnlyList<Toleration> Tolerations { get; init; } = [];
    public IReadOnlyList<SpreadConstraint> SpreadConstraints { get; init; } = [];

    /// <summary>
    /// The pods the scheduler spreads this one among when it states no spread constraints: those
    /// of the same controller (its uid), else those of the same namespace with the same labels.
    /// </summary>
    public string SpreadGroup { get; init; } = "";

    public bool HasPodAffinity =>
        RequiredAffinity.Count > 0 || RequiredAntiAffinity.Count > 0 || PreferredAffinity.Count > 0 || PreferredAntiAffinity.Count > 0;

    public const long DefaultMilliCpuRequest = 100;
    public const long DefaultMemoryRequest = 200L * 1024 * 1024;

    public static PodFacts From(JsonObject pod)
    {
        var ns = JsonRead.Str(pod, "metadata", "namespace");
        var labels = JsonRead.StringMap(pod, "metadata", "labels");
        var spec = pod["spec"] as JsonObject;
        var (requests, nonZeroCpu, nonZeroMemory) = PodRequests(spec);
        var affinity = spec?["affinity"] is JsonObject a ? KubernetesJson.Deserialize<V1Affinity>(a.ToJsonString()) : null;
        var spread = spec?["topologySpreadConstraints"] is JsonArray { Count: > 0 } s
            ? KubernetesJson.Deserialize<List<V1TopologySpreadConstraint>>(s.ToJsonString())
            : null;
        return new PodFacts
        {
            Uid = JsonRead.Str(pod, "metadata", "uid"),
            Namespace = ns,
            Name = JsonRead.Str(pod, "metadata", "name"),
            Labels = labels,
            NodeName = JsonRead.Str(spec, "nodeName"),
            SchedulerName = JsonRead.Str(spec, "schedulerName"),
            Priority = (int)Math.Clamp(JsonRead.Int(spec, "priority"), int.MinValue, int.MaxValue),
            Terminal = JsonRead.Str(pod, "status", "phase") is "Succeeded" or "Failed",
            Deleting = JsonRead.Has(pod, "metadata", "deletionTimestamp"),
            Gated = JsonRead.Count(spec, "schedulingGates") > 0,
            Requests = requests,
            NonZeroMilliCpu = nonZeroCpu,
            NonZeroMemory = nonZeroMemory,
            NodeSelector = JsonRead.StringMap(spec, "nodeSelector"),
            RequiredNodeAffinity = affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution,
            PreferredNodeAffinity = [.. affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? []],
            RequiredAffinity = [.. (affinity?.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? []).Select(t => AffinityTerm.From(t, ns, labels))],
            RequiredAntiAffinity = [.. (affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? []).Select(t => AffinityTerm.From(t, ns, labels))],
            PreferredAffinity = [.. (affinity?.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? []).Select(t => AffinityTerm.From(t.PodAffinityTerm, ns, labels, t.Weight))],
            PreferredAntiAffinity = [.. (affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? []).Select(t => AffinityTerm.From(t.PodAffinityTerm, ns, labels, t.Weight))],
            Tolerations = Toleration.ListFrom(spec?["tolerations"]),
            SpreadConstraints = [.. (spread ?? []).Select(c => SpreadConstraint.From(c, labels))],
            SpreadGroup = SpreadGroupOf(pod, ns, labels),
        };
    }

    private static string SpreadGroupOf(JsonObject pod, string ns, Dictionary<string, string> labels)
    {
        foreach (var owner in JsonRead.Objects(pod, "metadata", "ownerReferences"))
        {
            if (JsonRead.Bool(owner, "controller") && JsonRead.Str(owner, "uid") is { Length: > 0 } uid)
                return "owner:" + uid;
        }
        var group = new StringBuilder("labels:").Append(ns).Append('/');
        foreach (var (key, value) in labels.OrderBy(p => p.Key, StringComparer.Ordinal))
            group.Append(key).Append('=').Append(value).Append(',');
        return group.ToString();
    }

    // resource.PodRequests: regular containers add up; a sidecar (an init container with
    // restartPolicy Always) keeps running, so it adds to them and to every later init container;
    // the pod needs the larger of that and the biggest init step; overhead comes on top.
    // A request left out while a limit is set defaults to the limit, as the apiserver defaults it.
    private static (ResourceAmounts Requests, long NonZeroCpu, long NonZeroMemory) PodRequests(JsonObject? spec)
    {
        var total = ResourceAmounts.Zero;
        var totalCpu = 0L;
        var totalMemory = 0L;
        foreach (var container in JsonRead.Objects(spec, "containers"))
        {
            var (amounts, cpu, memory) = ContainerRequests(container);
            total = total.Plus(amounts);
            totalCpu += cpu;
            totalMemory += memory;
        }
        var sidecars = ResourceAmounts.Zero;
        var sidecarCpu = 0L;
        var sidecarMemory = 0L;
        var init = ResourceAmounts.Zero;
        var initCpu = 0L;
        var initMemory = 0L;
        foreach (var container in JsonRead.Objects(spec, "initContainers"))
        {
            var (amounts, cpu, memory) = ContainerRequests(container);
            if (JsonRead.Str(container, "restartPolicy") == "Always")
            {
                total = total.Plus(amounts);
                totalCpu += cpu;
                totalMemory += memory;
                sidecars = sidecars.Plus(amounts);
                sidecarCpu += cpu;
                sidecarMemory += memory;
                init = init.Max(sidecars);
                initCpu = Math.Max(initCpu, sidecarCpu);
                initMemory = Math.Max(initMemory, sidecarMemory);
            }
            else
            {
                init = init.Max(amounts.Plus(sidecars));
                initCpu = Math.Max(initCpu, cpu + sidecarCpu);
                initMemory = Math.Max(initMemory, memory + sidecarMemory);
            }
        }
        var overhead = ResourceAmounts.From(spec?["overhead"]);
        return (total.Max(init).Plus(overhead), Math.Max(totalCpu, initCpu) + overhead.MilliCpu, Math.Max(totalMemory, initMemory) + overhead.Memory);
    }

    private static (ResourceAmounts Amounts, long NonZeroCpu, long NonZeroMemory) ContainerRequests(JsonObject container)
    {
        var requests = JsonRead.At(container, "resources", "requests") as JsonObject;
        var limits = JsonRead.At(container, "resources", "limits") as JsonObject;
        JsonObject? effective = requests;
        if (limits is { Count: > 0 })
        {
            effective = [];
            foreach (var (name, value) in limits)
                effective[name] = value?.DeepClone();
            foreach (var (name, value) in requests ?? [])
                effective[name] = value?.DeepClone();
        }
        var amounts = ResourceAmounts.From(effective);
        var cpu = effective?.ContainsKey(ResourceNames.Cpu) == true ? amounts.MilliCpu : DefaultMilliCpuRequest;
        var memory = effective?.ContainsKey(ResourceNames.Memory) == true ? amounts.Memory : DefaultMemoryRequest;
        return (amounts, cpu, memory);
    }
}
