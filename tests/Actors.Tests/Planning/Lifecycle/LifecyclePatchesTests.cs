using System.Text.Json.Nodes;
using Kruise.Actors.Planning.Lifecycle;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.Lifecycle;

public sealed class LifecyclePatchesTests
{
    [Fact]
    public void Moving_to_a_state_sets_the_label_and_the_timestamp_annotation_only()
    {
        var patch = JsonNode.Parse(LifecyclePatches.MoveTo("PreparingDelete", TestPods.T0))!;

        Assert.Equal("""{"metadata":{"labels":{"lifecycle.apps.kruise.io/state":"PreparingDelete"},"annotations":{"lifecycle.apps.kruise.io/timestamp":"2025-01-01T12:00:00Z"}}}""",
            patch.ToJsonString());
    }

    [Fact]
    public void Moving_hooked_puts_the_hook_labels_and_finalizers_back()
    {
        var pod = PodPatches.Apply(PodLifecycleTests.Pod("", "Updated"),
            LifecyclePatches.MoveToHooked("PreparingUpdate", PodLifecycleTests.Hook(), TestPods.T0));

        Assert.Equal("PreparingUpdate", PodLifecycle.StateOf(pod));
        Assert.True(PodLifecycle.IsAllHooked(PodLifecycleTests.Hook(), pod));
        Assert.Equal("2025-01-01T12:00:00Z", pod.Annotations["lifecycle.apps.kruise.io/timestamp"]);
    }

    [Fact]
    public void Moving_hooked_without_a_hook_only_moves_the_state()
    {
        Assert.Equal(LifecyclePatches.MoveTo("PreparingUpdate", TestPods.T0), LifecyclePatches.MoveToHooked("PreparingUpdate", null, TestPods.T0));
    }

    [Fact]
    public void An_empty_state_is_refused()
    {
        Assert.Throws<ArgumentException>(() => LifecyclePatches.MoveTo("", TestPods.T0));
    }
}
