using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kruise.Actors.LocalCluster.Tests.Controllers;
using Kruise.Actors.LocalCluster.Tests.Semantics;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>pods/binding over HTTP, as any out-of-process scheduler writes it.</summary>
public sealed class PodBindingTests : IClassFixture<ControllerCluster>
{
    private readonly ControllerCluster _cluster;

    public PodBindingTests(ControllerCluster cluster) => _cluster = cluster;

    private async Task<V1Pod> NewPod(string ns, string name, string? gate = null)
    {
        var pod = Clusters.Pod(name);
        if (gate is not null)
            pod.Spec.SchedulingGates = [new V1PodSchedulingGate { Name = gate }];
        return await _cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, ns);
    }

    private static V1Binding Binding(V1Pod pod, string node, string? uid = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, Uid = uid ?? pod.Metadata.Uid, Annotations = new Dictionary<string, string> { ["example.com/bound-by"] = "test" } },
        Target = new V1ObjectReference { Kind = "Node", Name = node },
    };

    private static string? Message(HttpOperationException e) => JsonNode.Parse(e.Response.Content)?["message"]?.GetValue<string>();

    [Fact]
    public async Task Binding_assigns_the_node_copies_annotations_and_marks_the_pod_scheduled()
    {
        var ns = await _cluster.NewNamespace("bind");
        var pod = await NewPod(ns, "web");
        await _cluster.Client.CoreV1.CreateNamespacedPodBindingAsync(Binding(pod, "node-1"), "web", ns);
        var bound = await _cluster.Client.CoreV1.ReadNamespacedPodAsync("web", ns);
        Assert.Equal("node-1", bound.Spec.NodeName);
        Assert.Equal("test", bound.Metadata.Annotations["example.com/bound-by"]);
        var scheduled = Assert.Single(bound.Status.Conditions, c => c.Type == "PodScheduled");
        Assert.Equal("True", scheduled.Status);
        Assert.NotNull(scheduled.LastTransitionTime);
    }

    [Fact]
    public async Task A_bound_pod_cannot_be_bound_again()
    {
        var ns = await _cluster.NewNamespace("bind");
        var pod = await NewPod(ns, "web");
        await _cluster.Client.CoreV1.CreateNamespacedPodBindingAsync(Binding(pod, "node-1"), "web", ns);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _cluster.Client.CoreV1.CreateNamespacedPodBindingAsync(Binding(pod, "node-2"), "web", ns));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Equal("Operation cannot be fulfilled on pods/binding \"web\": pod web is already assigned to node \"node-1\"", Message(e));
    }

    [Fact]
    public async Task A_binding_for_another_incarnation_of_the_pod_is_refused()
    {
        var ns = await _cluster.NewNamespace("bind");
        var pod = await NewPod(ns, "web");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _cluster.Client.CoreV1.CreateNamespacedPodBindingAsync(Binding(pod, "node-1", uid: "not-this-pod"), "web", ns));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.StartsWith("Precondition failed: UID in precondition: not-this-pod", Message(e), StringComparison.Ordinal);
        Assert.Null((await _cluster.Client.CoreV1.ReadNamespacedPodAsync("web", ns)).Spec.NodeName);
    }

    [Fact]
    public async Task A_gated_pod_cannot_be_bound()
    {
        var ns = await _cluster.NewNamespace("bind");
        var pod = await NewPod(ns, "web", gate: "example.com/wait");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _cluster.Client.CoreV1.CreateNamespacedPodBindingAsync(Binding(pod, "node-1"), "web", ns));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.EndsWith("pod web has non-empty .spec.schedulingGates", Message(e), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binding_without_a_target_is_invalid()
    {
        var ns = await _cluster.NewNamespace("bind");
        var pod = await NewPod(ns, "web");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _cluster.Client.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding { Metadata = new V1ObjectMeta { Name = "web" }, Target = new V1ObjectReference() }, "web", ns));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
    }
    [Fact]
    public async Task A_binding_that_meets_another_write_to_the_pod_is_retried_and_keeps_that_write()
    {
        // The kube-scheduler's binding must survive a concurrent write (a controller setting a
        // condition on the brand-new pod): the apiserver retries it on the fresh pod. Refused as a
        // conflict, the scheduler would take the pod as settled and it would stay Pending for ever.
        var racer = new WriteDuringAdmission();
        var folder = Path.Combine(Path.GetTempPath(), "kruise-actors-bind-" + Guid.NewGuid().ToString("N")[..8]);
        await using var server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = folder, InMemory = true }, [racer]);
        racer.Service = server.Service;
        using var client = Clusters.ClientFor(server);
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "race" } });
            var pod = await client.CoreV1.CreateNamespacedPodAsync(Clusters.Pod("web"), "race");
            racer.Arm("web");

            await client.CoreV1.CreateNamespacedPodBindingAsync(Binding(pod, "node-1"), "web", "race");

            Assert.Equal(1, racer.Writes);
            var bound = await client.CoreV1.ReadNamespacedPodAsync("web", "race");
            Assert.Equal("node-1", bound.Spec.NodeName);
            Assert.Equal("yes", bound.Metadata.Labels[WriteDuringAdmission.Label]);
        }
        finally
        {
            Clusters.DeleteFolder(folder);
        }
    }
}
