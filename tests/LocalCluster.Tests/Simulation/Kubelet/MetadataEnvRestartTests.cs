using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.PodTimeline;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>
/// A container whose env reads a label or annotation (downward API) restarts when that value
/// changes under an in-place update that asks for it (updateEnvFromMetadata), as kruise-daemon
/// does on a node; otherwise the kubelet leaves it running, as a real one would.
/// </summary>
public class MetadataEnvRestartTests
{
    private static PodView Parse(string tier, string? state) => PodView.Parse(JsonNode.Parse($$$$"""
        {
          "metadata": {"name": "web", "namespace": "default", "uid": "uid-1",
            "labels": {"tier": "{{{{tier}}}}"},
            "annotations": {{{{(state is null ? "{}" : new JsonObject { ["apps.kruise.io/inplace-update-state"] = state }.ToJsonString())}}}}},
          "spec": {"nodeName": "node-1", "containers": [
            {"name": "nginx", "image": "nginx:1.25", "env": [
              {"name": "TIER", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['tier']"}}},
              {"name": "PLAIN", "value": "x"},
              {"name": "OWNER", "valueFrom": {"fieldRef": {"fieldPath": "metadata.annotations['owner']"}}}]},
            {"name": "sidecar", "image": "busybox:1.36"}]}
        }
        """)!.AsObject());

    [Theory]
    [InlineData(null, false)]
    [InlineData("""{"revision":"r2","updateImages":true}""", false)]
    [InlineData("""{"revision":"r2","updateEnvFromMetadata":true}""", true)]
    [InlineData("not json", false)]
    public void The_pod_view_resolves_env_read_from_metadata_and_whether_a_change_restarts(string? state, bool restarts)
    {
        var pod = Parse("front", state);

        Assert.Equal("TIER=front\nOWNER=", pod.Containers[0].MetadataEnv);
        Assert.Equal("", pod.Containers[1].MetadataEnv);
        Assert.All(pod.Containers, c => Assert.Equal(restarts, c.RestartOnMetadataEnv));
    }

    [Theory]
    [InlineData(true, "back", 1)]
    [InlineData(true, "front", 0)]
    [InlineData(false, "back", 0)]
    public void A_changed_value_restarts_only_the_container_that_reads_it_and_only_when_asked(bool asked, string tier, int restarts)
    {
        var state = """{"revision":"r2","updateEnvFromMetadata":true}""";
        var pod = new PodTimeline(Parse("front", asked ? state : null));
        pod.RunUntilIdle(T0);
        Assert.Equal("Running", pod.Phase);
        var sidecarId = JsonRead.Str(pod.Container("sidecar"), "containerID");

        pod.Pod = Parse(tier, asked ? state : null);
        pod.RunUntilIdle(T0.AddMinutes(1));

        Assert.Equal(restarts, JsonRead.Int(pod.Container("nginx"), "restartCount"));
        Assert.Equal(0, JsonRead.Int(pod.Container("sidecar"), "restartCount"));
        Assert.Equal(sidecarId, JsonRead.Str(pod.Container("sidecar"), "containerID"));
        Assert.Equal("True", pod.ConditionStatus("Ready"));
    }
}
