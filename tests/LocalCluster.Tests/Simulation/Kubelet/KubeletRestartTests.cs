using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.KubeletCluster;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>The kubelets stop and start again over the same cluster: running pods stay as they are, addresses are not reused.</summary>
public class KubeletRestartTests(KubeletCluster cluster) : IClassFixture<KubeletCluster>
{
    [Fact]
    public async Task Running_pods_keep_their_containers_and_new_pods_get_other_addresses()
    {
        var ns = await cluster.NewNamespace("restart");
        for (var i = 0; i < 3; i++)
            await cluster.ApplyPod(ns, $"old-{i}", "sim-0");
        var old = new List<k8s.Models.V1Pod>();
        for (var i = 0; i < 3; i++)
            old.Add(await cluster.WaitForPod(ns, $"old-{i}", IsReady, "to be ready"));

        await cluster.StopKubelets();
        cluster.StartKubelets();
        for (var i = 0; i < 3; i++)
            await cluster.ApplyPod(ns, $"new-{i}", "sim-0");
        var fresh = new List<k8s.Models.V1Pod>();
        for (var i = 0; i < 3; i++)
            fresh.Add(await cluster.WaitForPod(ns, $"new-{i}", IsReady, "to be ready"));

        Assert.Empty(fresh.Select(p => p.Status.PodIP).Intersect(old.Select(p => p.Status.PodIP)));
        foreach (var before in old)
        {
            var after = await cluster.ReadPod(ns, before.Metadata.Name);
            Assert.Equal(before.Status.ContainerStatuses[0].ContainerID, after.Status.ContainerStatuses[0].ContainerID);
            Assert.Equal(0, after.Status.ContainerStatuses[0].RestartCount);
            Assert.Equal(before.Status.PodIP, after.Status.PodIP);
        }
    }

    [Fact]
    public async Task An_image_changed_while_the_kubelets_were_stopped_restarts_in_place_once_they_run()
    {
        var ns = await cluster.NewNamespace("down");
        await cluster.ApplyPod(ns, "web", "sim-1");
        var before = await cluster.WaitForPod(ns, "web", IsReady, "to be ready");

        await cluster.StopKubelets();
        (await cluster.Kubectl($"set image pod/web nginx=nginx:1.27 -n {ns}")).Ok();
        cluster.StartKubelets();

        var after = await cluster.WaitForPod(ns, "web", p => p.Status.ContainerStatuses[0].RestartCount == 1 && IsReady(p), "to run the new image");
        Assert.Equal(before.Status.PodIP, after.Status.PodIP);
        Assert.Equal("docker.io/library/nginx:1.27", after.Status.ContainerStatuses[0].Image);
        Assert.Equal(before.Status.ContainerStatuses[0].ContainerID, after.Status.ContainerStatuses[0].LastState.Terminated.ContainerID);
    }
}
