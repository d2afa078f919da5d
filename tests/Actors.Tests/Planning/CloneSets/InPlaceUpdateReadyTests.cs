using Kruise.Actors.Kube;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class InPlaceUpdateReadyTests
{
    private static List<PatchObject> ReadinessPatches(Kruise.Actors.Planning.CloneSets.CloneSetDecision decision) =>
        decision.Commands.OfType<PatchObject>().Where(p => p is { Subresource: "status" } && p.Target.Kind == "Pod").ToList();

    [Fact]
    public void Each_new_pod_gets_its_InPlaceUpdateReady_condition_set_true_once()
    {
        var world = new CloneSetWorld(TestCloneSets.New(3));
        var patched = new List<string>();
        for (var i = 0; i < 30; i++)
            patched.AddRange(ReadinessPatches(world.Step()).Select(p => p.Target.Name));

        Assert.Equal(world.PodNames, patched.Order(StringComparer.Ordinal));
        Assert.All(ReadinessPatches(world.Step()), p => Assert.Fail($"{p.Target.Name} patched again"));
    }

    [Fact]
    public void The_patch_merges_a_true_condition_into_the_pod_status()
    {
        var world = new CloneSetWorld(TestCloneSets.New(1));
        PatchObject? patch = null;
        for (var i = 0; i < 30 && patch is null; i++)
            patch = ReadinessPatches(world.Step()).FirstOrDefault();

        Assert.NotNull(patch);
        Assert.Equal(PatchKind.StrategicMerge, patch.Kind);
        Assert.Contains("\"type\":\"InPlaceUpdateReady\",\"status\":\"True\"", patch.Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void A_false_condition_is_left_alone_for_the_in_place_update_that_set_it()
    {
        var world = new CloneSetWorld(TestCloneSets.New(2));
        world.Settle();
        var name = world.PodNames[0];
        world.Pods[name] = world.Pods[name] with { InPlaceUpdateReady = false };

        Assert.DoesNotContain(ReadinessPatches(world.Step()), p => p.Target.Name == name);
    }
}
