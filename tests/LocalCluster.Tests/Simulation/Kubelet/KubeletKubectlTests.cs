using k8s.Models;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;
using Kruise.Actors.LocalCluster.Simulation.Network;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.KubeletCluster;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>The simulated kubelet as a user sees it through kubectl: pods run, restart in place, complete, and go.</summary>
public class KubeletKubectlTests(KubeletCluster cluster) : IClassFixture<KubeletCluster>
{
    [Fact]
    public async Task A_bound_pod_runs_with_an_address_from_its_nodes_block()
    {
        var ns = await cluster.NewNamespace("run");
        await cluster.ApplyPod(ns, "web", "sim-1");

        (await cluster.Kubectl($"wait --for=condition=Ready pod/web -n {ns} --timeout=30s")).Ok();

        var row = (await cluster.Kubectl($"get pods -n {ns} -o wide")).Ok().Table().Row("web");
        Assert.Equal("1/1", row["READY"]);
        Assert.Equal("Running", row["STATUS"]);
        Assert.Equal("0", row["RESTARTS"]);
        Assert.Equal("sim-1", row["NODE"]);
        Assert.True(Ipv4Block.TryParse("10.244.1.0/24", out var block));
        Assert.True(Ipv4Block.TryParseAddress(row["IP"], out var ip) && block.Value.Contains(ip) && !block.Value.IsReserved(ip), row["IP"]);
        var pod = await cluster.ReadPod(ns, "web");
        Assert.Equal("172.18.0.3", pod.Status.HostIP);
        Assert.Equal("docker.io/library/nginx:1.25", pod.Status.ContainerStatuses[0].Image);
        Assert.StartsWith("docker.io/library/nginx@sha256:", pod.Status.ContainerStatuses[0].ImageID, StringComparison.Ordinal);
        Assert.StartsWith("containerd://", pod.Status.ContainerStatuses[0].ContainerID, StringComparison.Ordinal);
        Assert.NotNull(pod.Status.StartTime);

        var events = await cluster.DescribeEvents(ns, "web", "Started");
        Assert.Matches(@"Normal\s+Pulling\s+.*kubelet\s+Pulling image ""nginx:1.25""", events);
        Assert.Matches(@"Normal\s+Created\s+.*kubelet\s+Created container: nginx", events);
        Assert.Matches(@"Normal\s+Started\s+.*kubelet\s+Started container nginx", events);
    }

    [Fact]
    public async Task A_second_pod_with_the_same_image_on_the_node_finds_it_present()
    {
        var ns = await cluster.NewNamespace("cache");
        await cluster.ApplyPod(ns, "first", "sim-2", image: "redis:7.2");
        await cluster.WaitForPod(ns, "first", IsReady, "to be ready");
        await cluster.ApplyPod(ns, "second", "sim-2", image: "redis:7.2");
        await cluster.WaitForPod(ns, "second", IsReady, "to be ready");

        var events = await cluster.DescribeEvents(ns, "second", "Started");

        Assert.Matches(@"Normal\s+Pulled\s+.*kubelet\s+Container image ""redis:7.2"" already present on machine", events);
        Assert.DoesNotContain("Pulling", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_readiness_gate_holds_Ready_false_until_its_condition_is_set_True()
    {
        var ns = await cluster.NewNamespace("gate");
        await cluster.ApplyPod(ns, "web", "sim-0", extraSpec: "readinessGates:\n- conditionType: example.com/in-service");
        var pod = await cluster.WaitForPod(ns, "web", p => Condition(p, "ContainersReady") == "True", "to have its containers ready");
        Assert.Equal("False", Condition(pod, "Ready"));
        Assert.Equal("ReadinessGatesNotReady", pod.Status.Conditions.Single(c => c.Type == "Ready").Reason);
        Assert.Equal("0/1", (await cluster.Kubectl($"get pod web -n {ns} -o wide")).Ok().Table().Row("web")["READINESS GATES"]);

        (await cluster.Kubectl($"patch pod web -n {ns} --subresource=status --type=strategic -p '{{\"status\":{{\"conditions\":[{{\"type\":\"example.com/in-service\",\"status\":\"True\"}}]}}}}'")).Ok();

        pod = await cluster.WaitForPod(ns, "web", IsReady, "to be ready once its gate is True");
        Assert.Equal("True", Condition(pod, "example.com/in-service"));
        Assert.Equal("1/1", (await cluster.Kubectl($"get pod web -n {ns} -o wide")).Ok().Table().Row("web")["READINESS GATES"]);
    }

    [Fact]
    public async Task An_image_change_restarts_the_container_in_place()
    {
        var ns = await cluster.NewNamespace("inplace");
        await cluster.ApplyPod(ns, "web", "sim-1");
        var before = await cluster.WaitForPod(ns, "web", IsReady, "to be ready");
        var sinceVersion = cluster.Server.Store.ResourceVersion;

        (await cluster.Kubectl($"set image pod/web nginx=nginx:1.26 -n {ns}")).Ok();

        var after = await cluster.WaitForPod(ns, "web", p => p.Status.ContainerStatuses[0].RestartCount == 1 && IsReady(p), "to run the new image");
        Assert.Equal(before.Metadata.Uid, after.Metadata.Uid);
        Assert.Equal(before.Status.PodIP, after.Status.PodIP);
        Assert.Equal(before.Spec.NodeName, after.Spec.NodeName);
        Assert.Equal(before.Status.StartTime, after.Status.StartTime);
        var container = after.Status.ContainerStatuses[0];
        Assert.Equal("docker.io/library/nginx:1.26", container.Image);
        Assert.NotEqual(before.Status.ContainerStatuses[0].ImageID, container.ImageID);
        Assert.NotEqual(before.Status.ContainerStatuses[0].ContainerID, container.ContainerID);
        Assert.Equal(before.Status.ContainerStatuses[0].ContainerID, container.LastState.Terminated.ContainerID);
        Assert.Equal("Completed", container.LastState.Terminated.Reason);
        Assert.Equal("1", (await cluster.Kubectl($"get pods -n {ns}")).Ok().Table().Row("web")["RESTARTS"].Split(' ')[0]);

        // Between the two, a status showed the old container ended and the pod not ready.
        Assert.Contains(PodVersionsSince(ns, "web", sinceVersion), p =>
            Condition(p, "Ready") == "False" && p.Status.ContainerStatuses[0].State.Terminated?.ContainerID == before.Status.ContainerStatuses[0].ContainerID);

        var events = await cluster.DescribeEvents(ns, "web", "Container nginx definition changed");
        Assert.Matches(@"Normal\s+Killing\s+.*kubelet\s+Container nginx definition changed, will be restarted", events);
        Assert.Matches(@"Normal\s+Pulling\s+.*kubelet\s+Pulling image ""nginx:1.26""", events);
        await cluster.DescribeEvents(ns, "web", "(x2 over");
    }

    [Theory]
    [InlineData("0", "Succeeded", "Completed")]
    [InlineData("3", "Failed", "Error")]
    public async Task A_pod_told_to_run_a_while_ends_by_its_exit_code(string exitCode, string phase, string status)
    {
        var ns = await cluster.NewNamespace("job");
        await cluster.ApplyPod(ns, "task", "sim-2", image: "busybox:1.36", extraSpec: "restartPolicy: Never",
            annotations: $"local.kruise-actors.io/run-seconds: \"1\"\nlocal.kruise-actors.io/exit-code: \"{exitCode}\"");

        var pod = await cluster.WaitForPod(ns, "task", p => p.Status.Phase == phase, $"to be {phase}");

        Assert.Equal(int.Parse(exitCode, System.Globalization.CultureInfo.InvariantCulture), pod.Status.ContainerStatuses[0].State.Terminated.ExitCode);
        var row = (await cluster.Kubectl($"get pods -n {ns}")).Ok().Table().Row("task");
        Assert.Equal(status, row["STATUS"]);
        Assert.Equal("0/1", row["READY"]);
    }

    [Fact]
    public async Task Kubectl_delete_finishes_once_the_kubelet_has_stopped_the_pod()
    {
        var ns = await cluster.NewNamespace("delete");
        await cluster.ApplyPod(ns, "web", "sim-0");
        await cluster.WaitForPod(ns, "web", IsReady, "to be ready");

        (await cluster.Kubectl($"delete pod web -n {ns} --timeout=30s")).Ok();

        Assert.Contains("NotFound", (await cluster.Kubectl($"get pod web -n {ns}")).Fails().Stderr, StringComparison.Ordinal);
        var events = (await cluster.Kubectl($"get events -n {ns} --field-selector reason=Killing -o jsonpath={{.items[*].message}}")).Ok().Stdout;
        Assert.Contains("Stopping container nginx", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_network_pod_has_its_nodes_address()
    {
        var ns = await cluster.NewNamespace("hostnet");
        await cluster.ApplyPod(ns, "agent", "sim-2", extraSpec: "hostNetwork: true");

        var pod = await cluster.WaitForPod(ns, "agent", IsReady, "to be ready");

        Assert.Equal("172.18.0.4", pod.Status.PodIP);
        Assert.Equal("172.18.0.4", pod.Status.HostIP);
    }

    [Fact]
    public async Task Init_containers_complete_before_the_app_starts()
    {
        var ns = await cluster.NewNamespace("init");
        await cluster.ApplyPod(ns, "web", "sim-0", extraSpec: "initContainers:\n- name: setup\n  image: busybox:1.36");

        var pod = await cluster.WaitForPod(ns, "web", IsReady, "to be ready");

        Assert.Equal("Completed", pod.Status.InitContainerStatuses[0].State.Terminated.Reason);
        Assert.Equal("Running", (await cluster.Kubectl($"get pods -n {ns}")).Ok().Table().Row("web")["STATUS"]);
    }

    /// <summary>Every version of the pod stored since <paramref name="version"/>, from the watch history.</summary>
    private List<V1Pod> PodVersionsSince(string ns, string name, long version)
    {
        var (_, subscription) = cluster.Server.Store.Watch(new StorageKey("", "pods"), ns, version);
        using (subscription)
        {
            var pods = new List<V1Pod>();
            while (subscription.Events.TryRead(out var change))
            {
                if (change.Object.Name == name && change.Type != WatchEventType.Deleted)
                    pods.Add(k8s.KubernetesJson.Deserialize<V1Pod>(change.Object.Object.ToJsonString()));
            }
            return pods;
        }
    }
}
