using k8s;
using k8s.Models;
using Kruise.Actors.Bench.Harness;

namespace Kruise.Actors.Bench.ApiServer;

/// <summary>The write and list phases, each through the real KubernetesClient over HTTPS.</summary>
public sealed class PodWorkload(Kubernetes client, IServerUsage? server, string ns, int pods, int concurrency)
{
    public static string PodName(int index) => $"pod-{index:D5}";

    public async Task<V1Namespace> CreateNamespace() =>
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }).ConfigureAwait(false);

    /// <summary>N small pods (one container, two labels): the "simple write" the target is about.</summary>
    public async Task<PhaseResult> Create()
    {
        var clock = await PhaseClock.Start(server).ConfigureAwait(false);
        var latencies = await Concurrently.Run(pods, concurrency, i => client.CoreV1.CreateNamespacedPodAsync(SmallPod(i), ns)).ConfigureAwait(false);
        return await clock.Result("create", pods, Summary(latencies)).ConfigureAwait(false);
    }

    /// <summary>One JSON merge patch of a label per pod: what a controller's relabel or adopt looks like.</summary>
    public async Task<PhaseResult> Update()
    {
        var clock = await PhaseClock.Start(server).ConfigureAwait(false);
        var patch = new V1Patch("""{"metadata":{"labels":{"bench.kruise.io/round":"1"}}}""", V1Patch.PatchType.MergePatch);
        var latencies = await Concurrently.Run(pods, concurrency, i => client.CoreV1.PatchNamespacedPodAsync(patch, PodName(i), ns)).ConfigureAwait(false);
        return await clock.Result("update (merge patch)", pods, Summary(latencies)).ConfigureAwait(false);
    }

    /// <summary>A status update per pod (PUT /status of the object read back first), as a kubelet reports readiness.</summary>
    public async Task<PhaseResult> UpdateStatus()
    {
        var current = (await client.CoreV1.ListNamespacedPodAsync(ns).ConfigureAwait(false)).Items.ToDictionary(p => p.Metadata.Name);
        var clock = await PhaseClock.Start(server).ConfigureAwait(false);
        var latencies = await Concurrently.Run(pods, concurrency, async i =>
        {
            var pod = current[PodName(i)];
            pod.Status.Phase = "Running";
            pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }];
            await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, pod.Metadata.Name, ns).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return await clock.Result("update (status PUT)", pods, Summary(latencies)).ConfigureAwait(false);
    }

    /// <summary>The whole namespace listed (and decoded into V1PodList by the client), several times.</summary>
    public async Task<PhaseResult> List(int repeats)
    {
        var clock = await PhaseClock.Start(server).ConfigureAwait(false);
        var latencies = new long[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var list = await client.CoreV1.ListNamespacedPodAsync(ns).ConfigureAwait(false);
            latencies[i] = System.Diagnostics.Stopwatch.GetTimestamp() - start;
            if (list.Items.Count != pods)
                throw new InvalidOperationException($"listed {list.Items.Count} pods, expected {pods}");
        }
        return await clock.Result($"list {pods} pods", repeats, Summary(latencies)).ConfigureAwait(false);
    }

    public static LatencySummary? Summary(IEnumerable<long> ticks) => LatencySummary.Of(ticks.Select(Ticks.ToMilliseconds));

    private static V1Pod SmallPod(int index) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = PodName(index),
            Labels = new Dictionary<string, string> { ["app"] = "bench", ["shard"] = (index % 16).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] },
    };
}
