using k8s.Models;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// The preDelete hook end to end: kubectl scales a CloneSet down, the controller labels the pods
/// PreparingDelete (and marks them not ready) instead of deleting them, and deletes each one only
/// after the user's handler (here: kubectl label) takes the hook label off.
/// </summary>
[Collection(ApiServerTests.Name)]
public sealed class CloneSetLifecycleTests(ApiServerFixture api)
{
    private const string Yaml = """
        apiVersion: apps.kruise.io/v1alpha1
        kind: CloneSet
        metadata:
          name: web
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: web
          lifecycle:
            preDelete:
              labelsHandler:
                example.io/unready-blocker: "true"
              markPodNotReady: true
          template:
            metadata:
              labels:
                app: web
                example.io/unready-blocker: "true"
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
        """;

    private static string? State(V1Pod pod) => pod.Metadata.Labels.TryGetValue("lifecycle.apps.kruise.io/state", out var state) ? state : null;

    [Fact]
    public async Task Scale_down_waits_in_PreparingDelete_until_kubectl_takes_the_hook_label_off()
    {
        await using var session = await CloneSetSession.Start(api);
        (await session.Kubectl("apply -f -", Yaml)).Ok();
        await session.Settled("web", 3);
        Assert.All(await session.Pods(), p => Assert.Equal("Normal", State(p)));
        Assert.All(await session.Pods(), p => Assert.Contains(p.Spec.ReadinessGates, g => g.ConditionType == "KruisePodReady"));

        (await session.Kubectl("scale cloneset web --replicas 1")).Ok();
        List<V1Pod> preparing = [];
        await Eventually.True(async () => (preparing = [.. (await session.Pods()).Where(p => State(p) == "PreparingDelete")]).Count == 2,
            "two pods are PreparingDelete");
        await Eventually.True(async () => (await session.Pods()).Where(p => State(p) == "PreparingDelete").All(p =>
                p.Status?.Conditions?.Any(c => c.Type == "KruisePodReady" && c.Status == "False" && c.Message.Contains("preDeleteHook", StringComparison.Ordinal)) == true),
            "the PreparingDelete pods are marked not ready");
        Assert.Equal(3, (await session.Pods()).Count);
        var listed = (await session.Kubectl("get pods -l lifecycle.apps.kruise.io/state=PreparingDelete -o name")).Ok().Stdout;
        Assert.Equal(2, listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var released = preparing[0].Metadata.Name;
        (await session.Kubectl($"label pod {released} example.io/unready-blocker-")).Ok();
        await Eventually.True(async () => (await session.Pods()).All(p => p.Metadata.Name != released), $"{released} is deleted once released");
        Assert.Contains(await session.Pods(), p => p.Metadata.Name == preparing[1].Metadata.Name);

        (await session.Kubectl($"label pod {preparing[1].Metadata.Name} example.io/unready-blocker-")).Ok();
        await session.Settled("web", 1);
        Assert.Equal(2, session.Journaled("web").Count(m => m == "cs.pod-pre-delete"));
        Assert.Contains("PreparingDelete", (await session.Kubectl("describe cloneset web")).Ok().Stdout, StringComparison.Ordinal);
    }
}
