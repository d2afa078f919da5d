using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kruise.Actors.Entities;
using Kruise.Actors.Hosting;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.LocalCluster.Tests.Integration;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.IpSlots;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// Issue 9 on the embedded cluster with real kubectl: a CloneSet annotated
/// kruise-actors.io/retain-pod-ip keeps its pods' IPs when they must be recreated.
/// </summary>
[Collection(RetainPodIpClusterTests.Name)]
public sealed class RetainPodIpTests(RetainPodIpClusterFixture cluster) : IAsyncLifetime
{
    private static readonly CloneSetPlannerOptions Options = new()
    {
        RetainIp = new RetainIpSettings { HoldTime = TimeSpan.FromMinutes(10), WaitBeforeWarning = TimeSpan.FromSeconds(1) },
    };

    private CloneSetSession _session = null!;
    private ControllerHost? _controller;

    public async Task InitializeAsync()
    {
        _session = await CloneSetSession.Start(cluster, controller: false);
        await StartController();
    }

    public async Task DisposeAsync()
    {
        await StopController();
        await _session.DisposeAsync();
    }

    private static string Yaml(int replicas, string image = "nginx:1.25") => $"""
        apiVersion: apps.kruise.io/v1alpha1
        kind: CloneSet
        metadata:
          name: web
          annotations:
            kruise-actors.io/retain-pod-ip: "true"
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              terminationGracePeriodSeconds: 5
              containers:
              - name: nginx
                image: {image}
        """;

    [Fact]
    public async Task Pods_on_a_stopped_node_come_back_on_other_nodes_with_their_old_ips()
    {
        var before = await Created(6);
        var victimNode = before.Values.GroupBy(p => p.Node).OrderByDescending(g => g.Count()).First().Key;
        var victims = before.Where(p => p.Value.Node == victimNode).Select(p => p.Key).ToList();
        Assert.Equal(2, victims.Count);

        (await Kubectl($"annotate node {victimNode} {SimulationConventions.NodeStoppedAnnotation}=true --overwrite", ns: false)).Ok();
        try
        {
            var after = await RunningWith(before.Values.Select(p => p.Ip).ToHashSet(), pods => pods.Values.All(p => p.Node != victimNode), "the stopped node's pods recreated elsewhere with their IPs", 90);

            var survivors = before.Keys.Except(victims).ToList();
            Assert.All(survivors, name => Assert.Equal(before[name], after[name]));
            var replacements = after.Keys.Except(before.Keys).ToList();
            Assert.Equal(2, replacements.Count);
            Assert.Equal(victims.Select(v => before[v].Ip).Order(), replacements.Select(r => after[r].Ip).Order());
            // Each replacement waited on a node while the evicted pod still held its IP: reported, not dropped.
            var warnings = (await Kubectl("get events --field-selector reason=RetainedIpWaiting -o jsonpath={.items[*].message}")).Ok().Stdout;
            Assert.Contains(replacements, r => warnings.Contains($"pod {r} waits for its retained IP", StringComparison.Ordinal));
        }
        finally
        {
            (await Kubectl($"annotate node {victimNode} {SimulationConventions.NodeStoppedAnnotation}-", ns: false)).Ok();
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await cluster.Server.Simulation!.WaitForNodesReady(ready.Token);
        }
    }

    [Fact]
    public async Task A_recreate_update_gives_the_six_new_pods_the_six_old_ips()
    {
        var before = await Created(6);

        (await Kubectl("apply -f -", Yaml(6, "nginx:1.26"))).Ok();

        var after = await RunningWith(before.Values.Select(p => p.Ip).ToHashSet(), pods => !pods.Keys.Intersect(before.Keys).Any(), "six new pods with the six old IPs", 120);
        Assert.Empty(after.Keys.Intersect(before.Keys));
    }

    [Fact]
    public async Task A_pod_deleted_by_hand_is_replaced_by_one_with_its_ip()
    {
        var before = await Created(3);
        var victim = before.Keys.First();

        (await Kubectl($"delete pod {victim}")).Ok();

        var after = await RunningWith(before.Values.Select(p => p.Ip).ToHashSet(), pods => !pods.ContainsKey(victim), "the replacement with the deleted pod's IP");
        var replacement = Assert.Single(after.Keys.Except(before.Keys));
        Assert.Equal(before[victim].Ip, after[replacement].Ip);
        var shown = JsonNode.Parse((await Kubectl(@"get cloneset web -o jsonpath={.metadata.annotations.kruise-actors\.io/retained-pod-ips}")).Ok().Stdout)!.AsObject();
        Assert.Equal(after.ToDictionary(p => p.Value.Ip, p => p.Key), shown.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()));
        var history = await Cli.KruiseActorsCli.Run("events", "show", $"cloneset/{_session.Namespace}/web", "--data", _session.Journal.Path);
        Assert.Equal(0, history.ExitCode);
        Assert.Matches($@"\n  {Regex.Escape(before[victim].Ip)}\s+{victim} \d\d:\d\d:\d\d -> {replacement} \d\d:\d\d:\d\d\n", history.Stdout);
    }

    [Fact]
    public async Task Ips_released_by_a_scale_down_are_not_given_to_the_next_scale_up_during_the_hold()
    {
        var six = await Created(6);

        (await Kubectl("scale cloneset web --replicas=4")).Ok();
        var four = await Running(4);
        var released = six.Values.Select(p => p.Ip).Except(four.Values.Select(p => p.Ip)).ToList();
        Assert.Equal(2, released.Count);
        await Eventually.True(async () => await RetainedIps() is var shown
            && released.All(ip => shown.TryGetValue(ip, out var state) && state.StartsWith("released, held until", StringComparison.Ordinal)),
            "the released IPs shown as held on the CloneSet");

        (await Kubectl("scale cloneset web --replicas=6")).Ok();
        var again = await Running(6);

        Assert.Empty(again.Values.Select(p => p.Ip).Intersect(released));
        var retained = await RetainedIps();
        Assert.All(released, ip => Assert.StartsWith("released, held until", retained[ip], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pod_deleted_while_the_controller_is_down_is_replaced_with_its_ip_after_the_restart()
    {
        var before = await Created(3);
        var victim = before.Keys.Last();

        await StopController();
        (await Kubectl($"delete pod {victim} --wait=true")).Ok();
        Assert.DoesNotContain(victim, (await Pods()).Keys);
        await StartController();

        var after = await RunningWith(before.Values.Select(p => p.Ip).ToHashSet(), pods => !pods.ContainsKey(victim), "the replacement after the restart with the deleted pod's IP");
        Assert.Equal(before[victim].Ip, after[Assert.Single(after.Keys.Except(before.Keys))].Ip);
    }

    [Fact]
    public async Task The_example_keeps_a_deleted_pods_ip()
    {
        var example = File.ReadAllText(Path.Combine(RepoRoot(), "examples", "retain-pod-ip.yaml"))
            .Replace("namespace: demo", $"namespace: {_session.Namespace}", StringComparison.Ordinal);
        (await Kubectl("apply -f -", example)).Ok();
        var before = await Running(6, "stable");
        var victim = before.Keys.First();

        (await Kubectl($"delete pod {victim} --wait=false")).Ok();

        await RunningWith(before.Values.Select(p => p.Ip).ToHashSet(), pods => !pods.ContainsKey(victim), "the example's replacement with the deleted pod's IP");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kruise.Actors.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private sealed record PodIp(string Ip, string Node, string Uid);

    private Task<KubectlResult> Kubectl(string arguments, string? stdin = null, bool ns = true) =>
        ns ? _session.Kubectl(arguments, stdin) : LocalCluster.Tests.Integration.Kubectl.Run(cluster.Server.KubeconfigPath, arguments, stdin);

    private async Task StartController() =>
        _controller = await ControllerHost.Start(new ControllerOptions
        {
            Kubeconfig = cluster.Server.KubeconfigPath,
            HttpPort = null,
            Runtime = _session.RuntimeOptions,
            Catalog = ControllerCatalog.CreateDefault(Options),
        });

    private async Task StopController()
    {
        if (_controller is { } running)
            await running.DisposeAsync();
        _controller = null;
    }

    // Live pods (not terminating), by name.
    private async Task<Dictionary<string, PodIp>> Pods()
    {
        var items = JsonNode.Parse((await Kubectl("get pods -o json")).Ok().Stdout)!["items"]!.AsArray();
        return items.Select(p => p!)
            .Where(p => p["metadata"]!["deletionTimestamp"] is null)
            .ToDictionary(
                p => p["metadata"]!["name"]!.GetValue<string>(),
                p => new PodIp(p["status"]?["podIP"]?.GetValue<string>() ?? "", p["spec"]?["nodeName"]?.GetValue<string>() ?? "", p["metadata"]!["uid"]!.GetValue<string>()));
    }

    private async Task<Dictionary<string, string>> RetainedIps(string name = "web")
    {
        var text = (await Kubectl($@"get cloneset {name} -o jsonpath={{.metadata.annotations.kruise-actors\.io/retained-pod-ips}}")).Ok().Stdout;
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
    }

    private async Task<Dictionary<string, PodIp>> Created(int replicas)
    {
        (await Kubectl("apply -f -", Yaml(replicas))).Ok();
        return await Running(replicas);
    }

    // Waits for that many pods, all with IPs the CloneSet retains.
    private async Task<Dictionary<string, PodIp>> Running(int replicas, string name = "web")
    {
        Dictionary<string, PodIp> pods = [];
        await Eventually.True(async () =>
        {
            pods = await Pods();
            return pods.Count == replicas && pods.Values.All(p => p.Ip.Length > 0) && (await RetainedIps(name)).Count(p => !p.Value.StartsWith("released", StringComparison.Ordinal)) == replicas;
        }, $"{replicas} pods with IPs, all retained", 60);
        return pods;
    }

    private async Task<Dictionary<string, PodIp>> RunningWith(HashSet<string> ips, Func<Dictionary<string, PodIp>, bool> also, string what, int seconds = 60)
    {
        Dictionary<string, PodIp> pods = [];
        await Eventually.True(async () =>
        {
            pods = await Pods();
            return pods.Count == ips.Count && pods.Values.Select(p => p.Ip).ToHashSet().SetEquals(ips) && also(pods);
        }, what, seconds);
        return pods;
    }
}
