using System.Text.Json.Nodes;
using Kruise.Actors.Planning.Lifecycle;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Tests.Planning.Fixtures;
using LifecycleSpec = Kruise.Actors.Crds.Apps.Pub.Lifecycle;

namespace Kruise.Actors.Tests.Planning.Lifecycle;

public sealed class LifecycleReadinessTests
{
    private const string PreDelete = """[{"userAgent":"Lifecycle","key":"preDeleteHook"}]""";
    private const string PreUpdate = """[{"userAgent":"Lifecycle","key":"preUpdateHook"}]""";
    private const string Crr = """[{"userAgent":"ContainerRecreateRequest","key":"crr-1"}]""";
    private const string CrrAndPreUpdate = """[{"userAgent":"ContainerRecreateRequest","key":"crr-1"},{"userAgent":"Lifecycle","key":"preUpdateHook"}]""";

    private static readonly LifecycleSpec Marking = new()
    {
        PreDelete = PodLifecycleTests.Hook(markPodNotReady: true),
        InPlaceUpdate = PodLifecycleTests.Hook(markPodNotReady: true),
    };

    private static ObservedPod Gated(string state, bool? ready, string message) =>
        PodLifecycleTests.Pod("", state) with { HasKruisePodReadyGate = true, KruisePodReady = ready, KruisePodReadyMessage = message };

    [Theory]
    // A gated pod without the condition gets it True, as OpenKruise's podreadiness controller does.
    [InlineData("Normal", null, "", "True", "")]
    [InlineData("Normal", true, "", null, null)]
    // PreparingDelete / PreparingUpdate with markPodNotReady hold it False under their key.
    [InlineData("PreparingDelete", true, "", "False", PreDelete)]
    [InlineData("PreparingDelete", null, "", "False", PreDelete)]
    [InlineData("PreparingDelete", false, PreDelete, null, null)]
    [InlineData("PreparingUpdate", true, "", "False", PreUpdate)]
    [InlineData("PreparingUpdate", false, PreUpdate, null, null)]
    // The update key stays through Updating and goes once Updated (or Normal).
    [InlineData("Updating", false, PreUpdate, null, null)]
    [InlineData("Updating", true, "", null, null)]
    [InlineData("Updated", false, PreUpdate, "True", "")]
    [InlineData("Normal", false, PreUpdate, "True", "")]
    // Another writer's hold is kept: the condition stays False while it holds.
    [InlineData("PreparingUpdate", false, Crr, "False", CrrAndPreUpdate)]
    [InlineData("Updated", false, CrrAndPreUpdate, "False", Crr)]
    [InlineData("Normal", false, Crr, null, null)]
    // Unreadable messages count as no holders.
    [InlineData("Normal", false, "not json", "True", "")]
    public void The_condition_follows_the_state(string state, bool? ready, string message, string? patchedStatus, string? patchedMessage)
    {
        var patch = LifecycleReadiness.Patch(Marking, Gated(state, ready, message), TestPods.T0);

        if (patchedStatus is null)
        {
            Assert.Null(patch);
            return;
        }
        Assert.NotNull(patch);
        var condition = JsonNode.Parse(patch)!["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "KruisePodReady")!;
        Assert.Equal(patchedStatus, condition["status"]!.GetValue<string>());
        Assert.Equal(patchedMessage, condition["message"]!.GetValue<string>());
    }

    [Fact]
    public void Holding_the_pod_drops_Ready_at_once_and_releasing_it_leaves_Ready_to_the_kubelet()
    {
        var held = PodPatches.Apply(Gated("PreparingDelete", true, ""), LifecycleReadiness.Patch(Marking, Gated("PreparingDelete", true, ""), TestPods.T0)!);
        var released = LifecycleReadiness.Patch(Marking, Gated("Normal", false, PreUpdate), TestPods.T0)!;

        Assert.False(held.Ready);
        Assert.False(held.KruisePodReady);
        Assert.DoesNotContain("\"Ready\"", released, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PreparingDelete")]
    [InlineData("PreparingUpdate")]
    public void Without_markPodNotReady_the_hooks_leave_the_condition_true(string state)
    {
        var lifecycle = new LifecycleSpec { PreDelete = PodLifecycleTests.Hook(), InPlaceUpdate = PodLifecycleTests.Hook() };

        Assert.Null(LifecycleReadiness.Patch(lifecycle, Gated(state, true, ""), TestPods.T0));
    }

    [Fact]
    public void A_pod_without_the_gate_is_left_alone()
    {
        var pod = Gated("PreparingDelete", null, "") with { HasKruisePodReadyGate = false };

        Assert.Null(LifecycleReadiness.Patch(Marking, pod, TestPods.T0));
    }

    [Fact]
    public void The_patch_is_idempotent_once_applied()
    {
        var pod = Gated("PreparingUpdate", true, Crr);

        var patched = PodPatches.Apply(pod, LifecycleReadiness.Patch(Marking, pod, TestPods.T0)!);

        Assert.Null(LifecycleReadiness.Patch(Marking, patched, TestPods.T0));
    }
}
