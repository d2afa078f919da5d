using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class ValidationTests
{
    [Fact]
    public void An_invalid_spec_is_reported_once_and_touches_no_pods()
    {
        var world = new CloneSetWorld(TestCloneSets.New(3));
        world.Settle();
        world.Edit(spec =>
        {
            spec.Replicas = 5;
            spec.Selector!.MatchLabels["app"] = "other";
        });

        var first = world.Step();
        var second = world.Step();

        Assert.DoesNotContain(first.Commands.Concat(second.Commands), c => c is CreateObject or DeleteObject);
        var warning = Assert.Single(world.KubeEvents, e => e.Reason == CloneSetKubeEvents.InvalidSpec);
        Assert.Equal(RecordEvent.Warning, warning.Type);
        Assert.Contains("spec.selector", warning.Message, StringComparison.Ordinal);
        var condition = Assert.Single(world.CloneSet.Status!.Conditions!, c => c.Type == CloneSetConditions.FailedScale);
        Assert.Equal(("True", CloneSetConditions.InvalidSpec), (condition.Status, condition.Reason));
        Assert.Equal(2L, world.CloneSet.Status.ObservedGeneration);
        Assert.Equal(3, world.Pods.Count);
    }

    [Fact]
    public void Fixing_the_spec_clears_the_condition_and_scaling_resumes()
    {
        var world = new CloneSetWorld(TestCloneSets.New(3));
        world.Settle();
        world.Edit(spec => spec.Replicas = -1);
        world.Settle();

        world.Edit(spec => spec.Replicas = 4);
        world.Settle();

        Assert.Equal(4, world.Pods.Count);
        Assert.DoesNotContain(world.CloneSet.Status!.Conditions ?? [], c => c.Type == CloneSetConditions.FailedScale);
        Assert.Single(world.Journaled<SpecRejected>());
    }
}
