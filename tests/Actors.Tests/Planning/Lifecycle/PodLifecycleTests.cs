using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Planning.Lifecycle;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Tests.Planning.Fixtures;
using LifecycleSpec = Kruise.Actors.Crds.Apps.Pub.Lifecycle;

namespace Kruise.Actors.Tests.Planning.Lifecycle;

public sealed class PodLifecycleTests
{
    // A hook of two labels and one finalizer, as a traffic controller would use.
    internal static LifecycleHook Hook(bool markPodNotReady = false) => new()
    {
        LabelsHandler = new Dictionary<string, string> { ["example.io/unready-blocker"] = "true", ["example.io/lb"] = "on" },
        FinalizersHandler = ["example.io/drain"],
        MarkPodNotReady = markPodNotReady,
    };

    /// <summary>A pod carrying the given hook parts: "a" = first label, "b" = second label, "f" = finalizer; "a-wrong" = first label with another value.</summary>
    internal static ObservedPod Pod(string parts, string state = "", string node = "node-1")
    {
        var pod = TestPods.Running("web-a1b2c", node: node);
        if (state.Length > 0)
            pod = pod.WithLabel(LifecycleStates.Label, state);
        foreach (var part in parts.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            pod = part switch
            {
                "a" => pod.WithLabel("example.io/unready-blocker", "true"),
                "a-wrong" => pod.WithLabel("example.io/unready-blocker", "false"),
                "b" => pod.WithLabel("example.io/lb", "on"),
                "f" => pod with { Finalizers = pod.Finalizers.Add("example.io/drain") },
                _ => throw new ArgumentException(part),
            };
        }
        return pod;
    }

    [Theory]
    [InlineData("", false, false)]
    [InlineData("a", true, false)]
    [InlineData("a-wrong", false, false)]
    [InlineData("b", true, false)]
    [InlineData("f", true, false)]
    [InlineData("a,b", true, false)]
    [InlineData("a,f", true, false)]
    [InlineData("a,b,f", true, true)]
    [InlineData("a-wrong,b,f", true, false)]
    public void A_hook_is_on_a_pod_when_any_part_is_and_all_on_it_when_every_part_is(string parts, bool hooked, bool allHooked)
    {
        var pod = Pod(parts);

        Assert.Equal(hooked, PodLifecycle.IsHooked(Hook(), pod));
        Assert.Equal(allHooked, PodLifecycle.IsAllHooked(Hook(), pod));
    }

    [Fact]
    public void No_hook_is_never_on_a_pod()
    {
        Assert.False(PodLifecycle.IsHooked(null, Pod("a,b,f")));
        Assert.False(PodLifecycle.IsAllHooked(null, Pod("a,b,f")));
        Assert.False(PodLifecycle.IsHooked(new LifecycleHook(), Pod("a,b,f")));
    }

    [Fact]
    public void A_hook_with_no_parts_counts_as_all_on_the_pod()
    {
        Assert.True(PodLifecycle.IsAllHooked(new LifecycleHook { MarkPodNotReady = true }, Pod("")));
    }

    [Fact]
    public void New_pods_start_PreparingNormal_only_under_a_preNormal_hook()
    {
        Assert.Equal("Normal", PodLifecycle.InitialState(null));
        Assert.Equal("Normal", PodLifecycle.InitialState(new LifecycleSpec { PreDelete = Hook(), InPlaceUpdate = Hook() }));
        Assert.Equal("PreparingNormal", PodLifecycle.InitialState(new LifecycleSpec { PreNormal = Hook() }));
    }

    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, false, false, true)]
    [InlineData(false, true, false, true)]
    [InlineData(false, false, true, false)]
    public void Only_preDelete_and_inPlaceUpdate_mark_pods_not_ready(bool preDelete, bool inPlaceUpdate, bool preNormal, bool marks)
    {
        var lifecycle = new LifecycleSpec { PreDelete = Hook(preDelete), InPlaceUpdate = Hook(inPlaceUpdate), PreNormal = Hook(preNormal) };

        Assert.Equal(marks, PodLifecycle.MarksPodNotReady(lifecycle));
    }

    [Theory]
    // PreparingNormal: the preNormal hook admits the pod once ALL its parts are on it; without a hook, once scheduled.
    [InlineData("PreparingNormal", "preNormal", "a,b", true, true, true, null)]
    [InlineData("PreparingNormal", "preNormal", "a,b,f", true, true, true, "Normal")]
    [InlineData("PreparingNormal", "", "", true, true, true, "Normal")]
    [InlineData("PreparingNormal", "", "", false, true, true, null)]
    // PreparingUpdate moves on only when the pod already is at the update revision (rolled back under it).
    [InlineData("PreparingUpdate", "inPlaceUpdate", "", true, false, true, null)]
    [InlineData("PreparingUpdate", "inPlaceUpdate", "", true, true, true, "Updated")]
    [InlineData("PreparingUpdate", "inPlaceUpdate", "a,b,f", true, true, true, "Normal")]
    [InlineData("PreparingUpdate", "", "", true, true, true, "Normal")]
    // Updating waits for the in-place update, then Updated until the handler re-admits the pod.
    [InlineData("Updating", "inPlaceUpdate", "", true, true, false, null)]
    [InlineData("Updating", "inPlaceUpdate", "a", true, true, true, "Updated")]
    [InlineData("Updating", "inPlaceUpdate", "a,b,f", true, true, true, "Normal")]
    [InlineData("Updating", "", "", true, true, true, "Normal")]
    [InlineData("Updated", "inPlaceUpdate", "a,f", true, true, true, null)]
    [InlineData("Updated", "inPlaceUpdate", "a,b,f", true, true, true, "Normal")]
    [InlineData("Updated", "", "", true, true, true, "Normal")]
    // States that never move on their own.
    [InlineData("Normal", "inPlaceUpdate", "", true, true, true, null)]
    [InlineData("", "preNormal", "", true, true, true, null)]
    [InlineData("PreparingDelete", "preDelete", "", true, true, true, null)]
    public void NextState_follows_OpenKruise_refresh(string state, string hook, string parts, bool scheduled, bool atUpdateRevision, bool updateDone, string? next)
    {
        var lifecycle = hook switch
        {
            "preNormal" => new LifecycleSpec { PreNormal = Hook() },
            "inPlaceUpdate" => new LifecycleSpec { InPlaceUpdate = Hook() },
            "preDelete" => new LifecycleSpec { PreDelete = Hook() },
            _ => null,
        };
        var pod = Pod(parts, state, node: scheduled ? "node-1" : "");

        Assert.Equal(next, PodLifecycle.NextState(lifecycle, pod, atUpdateRevision, updateDone));
    }

    [Fact]
    public void The_state_of_a_pod_without_the_label_is_empty()
    {
        Assert.Equal("", PodLifecycle.StateOf(Pod("")));
        Assert.Equal("Updated", PodLifecycle.StateOf(Pod("", "Updated")));
    }
}
