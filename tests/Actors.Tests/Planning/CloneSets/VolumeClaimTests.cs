using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class VolumeClaimTests
{
    private static CloneSetWorld WithClaims(int replicas, bool disableReuse = false)
    {
        var world = new CloneSetWorld(TestCloneSets.New(replicas, spec =>
        {
            spec.VolumeClaimTemplates = [TestCloneSets.ClaimTemplate("data")];
            spec.ScaleStrategy = new CloneSetScaleStrategy { DisablePVCReuse = disableReuse };
        }));
        world.Settle();
        return world;
    }

    private static string Id(string podName) => InstanceIds.FromPodName(TestCloneSets.Name, podName)!;

    [Fact]
    public void Each_pod_gets_a_pvc_named_claim_cloneset_id_created_before_it()
    {
        var world = WithClaims(2);

        Assert.Equal(world.PodNames.Select(n => $"data-web-{Id(n)}"), world.Pvcs.Keys.Order(StringComparer.Ordinal));
        var creates = world.Sent.OfType<CreateObject>().Where(c => c.Target.Kind is "Pod" or "PersistentVolumeClaim").Select(c => c.Target.Name).ToList();
        foreach (var pod in world.PodNames)
            Assert.True(creates.IndexOf($"data-web-{Id(pod)}") < creates.IndexOf(pod));
        Assert.All(world.PodBodies.Values, pod => Assert.Equal($"data-web-{Id(pod.Metadata.Name)}", pod.Spec.Volumes.Single(v => v.Name == "data").PersistentVolumeClaim.ClaimName));
    }

    [Fact]
    public void A_pod_that_vanished_comes_back_with_its_name_and_volume()
    {
        var world = WithClaims(2);
        var lost = world.PodNames[0];
        var claimCreates = world.Sent.Count(c => c is CreateObject { Target.Kind: "PersistentVolumeClaim" });
        world.RemovePod(lost);

        world.Settle();

        Assert.Contains(lost, world.PodNames);
        Assert.Equal(2, world.Pvcs.Count);
        Assert.Equal(claimCreates, world.Sent.Count(c => c is CreateObject { Target.Kind: "PersistentVolumeClaim" }));
    }

    [Fact]
    public void With_pvc_reuse_disabled_the_orphan_pvc_goes_and_the_new_pod_gets_a_new_one()
    {
        var world = WithClaims(2, disableReuse: true);
        var lost = world.PodNames[0];
        world.RemovePod(lost);

        var decision = world.Step();

        Assert.Equal([$"data-web-{Id(lost)}"], decision.Events.OfType<PvcDeleteRequested>().Select(e => e.Name));
        var created = Assert.Single(decision.Events.OfType<PodCreateRequested>());
        Assert.NotEqual(lost, created.Name);
        world.Settle();
        Assert.Equal(world.PodNames.Select(n => $"data-web-{Id(n)}"), world.Pvcs.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Scaling_down_deletes_the_pods_pvcs_too()
    {
        var world = WithClaims(3);
        world.Scale(1);

        world.Settle();

        Assert.Equal(world.PodNames.Select(n => $"data-web-{Id(n)}"), world.Pvcs.Keys);
    }

    [Fact]
    public void A_pvc_create_refused_is_reported_on_the_cloneset()
    {
        var world = new CloneSetWorld(TestCloneSets.New(1, spec => spec.VolumeClaimTemplates = [TestCloneSets.ClaimTemplate("data")]))
        {
            Api = c => c is CreateObject { Target.Kind: "PersistentVolumeClaim" } ? new CommandOutcome(c.Id, c.Target, CommandStatus.Rejected, "storageclass missing") : null,
        };

        world.Step();
        world.Step();

        var warning = Assert.Single(world.KubeEvents, e => e.Reason == CloneSetKubeEvents.FailedCreate);
        Assert.StartsWith("failed to create pvc data-web-", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith(": storageclass missing", warning.Message, StringComparison.Ordinal);
    }
}
