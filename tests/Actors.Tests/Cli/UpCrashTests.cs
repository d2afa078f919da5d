using System.Diagnostics;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Tests.Integration;
using Kruise.Actors.Tests.Integration;

namespace Kruise.Actors.Tests.Cli;

/// <summary>
/// `kruise-actors up` killed with SIGKILL in the middle of an in-place rollout, then started again
/// on the same folder: the rollout finishes on the very same pods (names, UIDs, IPs), none doubled.
/// </summary>
public sealed class UpCrashTests : IDisposable
{
    private const int Replicas = 6;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kruise-actors-up-crash-" + Guid.NewGuid().ToString("N")[..8]);

    private string Kubeconfig => Path.Combine(_folder, "kubeconfig");

    private sealed record PodView(string Name, string Uid, string Ip, string Image, bool Ready);

    [Fact]
    public async Task A_rollout_interrupted_by_SIGKILL_finishes_in_place_on_the_same_pods_after_up_starts_again()
    {
        // One at a time, so the kill finds the rollout part done.
        var strategy = "  updateStrategy:\n    type: InPlaceIfPossible\n    maxUnavailable: 1";
        Dictionary<string, PodView> before;
        int updatedAtKill;
        await using (var up = await Up())
        {
            (await Kubectl("create namespace crash")).Ok();
            (await Kubectl("apply -f -", CloneSetSession.Yaml("web", Replicas, extraSpec: strategy, ns: "crash"))).Ok();
            await WaitFor(up, pods => pods.Count(p => p.Ready && p.Ip.Length > 0) == Replicas, $"{Replicas} pods ready");
            before = (await Pods()).ToDictionary(p => p.Name);

            (await Kubectl("apply -f -", CloneSetSession.Yaml("web", Replicas, extraSpec: strategy, ns: "crash", image: "nginx:1.26"))).Ok();
            await WaitFor(up, pods => pods.Any(p => p.Image == "nginx:1.26"), "the rollout under way");
            updatedAtKill = (await Pods()).Count(p => p.Image == "nginx:1.26");
            using (var process = Process.GetProcessById(up.ProcessId))
                process.Kill();
        }
        Assert.InRange(updatedAtKill, 1, Replicas - 1);

        await using (var again = await Up())
        {
            await WaitFor(again, pods => pods.Count == Replicas && pods.All(p => p.Image == "nginx:1.26" && p.Ready), "every pod updated and ready");

            var after = await Pods();
            Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.All(after, p =>
            {
                Assert.Equal(before[p.Name].Uid, p.Uid);
                Assert.Equal(before[p.Name].Ip, p.Ip);
            });
            await Eventually.True(async () =>
            {
                var s = JsonNode.Parse((await Kubectl("get cloneset web -n crash -o json")).Ok().Stdout)!["status"]!;
                return s["updatedReadyReplicas"]?.GetValue<int>() == Replicas && s["replicas"]?.GetValue<int>() == Replicas;
            }, "the CloneSet reports every replica updated and ready");
            await again.Terminate();
        }
    }

    /// <summary>Waits for the pods to get there; on time-out says what they were and what `up` printed.</summary>
    private async Task WaitFor(RunningCli up, Func<List<PodView>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        List<PodView> pods;
        while (!condition(pods = await Pods()))
        {
            if (DateTime.UtcNow > deadline)
            {
                // Node, phase and events say where a stuck pod stopped (scheduler, kubelet, IPAM or controller).
                var wide = (await Kubectl("get pods -n crash -o wide")).Stdout;
                var events = (await Kubectl("get events -n crash --sort-by=.lastTimestamp")).Stdout;
                Assert.Fail($"never happened: {what}; pods: {string.Join("; ", pods)}\n{wide}\nevents:\n{events}\nup printed:\n{string.Join('\n', up.Lines.TakeLast(30))}");
            }
            await Task.Delay(100);
        }
    }

    private async Task<RunningCli> Up()
    {
        var up = KruiseActorsCli.Start("up", "--data", _folder, "--port", "0", "--nodes", "2", "--zones", "2");
        // The kubeconfig is written only once the cluster and the controller are ready.
        await Eventually.True(() => up.HasExited || up.Lines.Any(l => l.Contains("export KUBECONFIG=", StringComparison.Ordinal)), "`up` prints the kubeconfig", seconds: 120);
        Assert.False(up.HasExited, "`up` exited before it was ready");
        return up;
    }

    private async Task<List<PodView>> Pods()
    {
        var list = JsonNode.Parse((await Kubectl("get pods -n crash -o json")).Ok().Stdout)!["items"]!.AsArray();
        return [.. list.Select(p => new PodView(
            p!["metadata"]!["name"]!.GetValue<string>(),
            p["metadata"]!["uid"]!.GetValue<string>(),
            p["status"]?["podIP"]?.GetValue<string>() ?? "",
            p["spec"]!["containers"]![0]!["image"]!.GetValue<string>(),
            p["status"]?["conditions"]?.AsArray().Any(c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True") == true))];
    }

    private Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => LocalCluster.Tests.Integration.Kubectl.Run(Kubeconfig, arguments, stdin);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
