using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class CloneSetPodsTests
{
    private static CloneSet WithStorage() => TestCloneSets.New(2, spec =>
    {
        spec.VolumeClaimTemplates = [TestCloneSets.ClaimTemplate("data")];
        spec.Template!.Spec.Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }, new V1Volume { Name = "cache", EmptyDir = new V1EmptyDirVolumeSource() }];
    });

    [Fact]
    public void Pod_is_named_by_instance_id_labelled_with_revision_and_owned_by_the_cloneset()
    {
        var cloneSet = TestCloneSets.New();

        var pod = CloneSetPods.Build(cloneSet, cloneSet.Spec.Template!, "web-7cd7c66f7c", "x2b4k");

        Assert.Equal(("web-x2b4k", "ns", "web-"), (pod.Metadata.Name, pod.Metadata.NamespaceProperty, pod.Metadata.GenerateName));
        Assert.Equal(new Dictionary<string, string>
        {
            ["app"] = "web",
            ["controller-revision-hash"] = "web-7cd7c66f7c",
            ["pod-template-hash"] = "7cd7c66f7c",
            [CloneSet.InstanceIdLabel] = "x2b4k",
            ["lifecycle.apps.kruise.io/state"] = "Normal",
        }, pod.Metadata.Labels);
        var owner = Assert.Single(pod.Metadata.OwnerReferences);
        Assert.Equal(("apps.kruise.io/v1alpha1", "CloneSet", "web", TestCloneSets.Uid, true, true),
            (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        Assert.Equal([InPlaceUpdateKeys.ReadinessGate], pod.Spec.ReadinessGates.Select(g => g.ConditionType));
        Assert.Equal("nginx:1.25", Assert.Single(pod.Spec.Containers).Image);
    }

    [Fact]
    public void Readiness_gate_is_not_added_twice()
    {
        var cloneSet = TestCloneSets.New(configure: spec => spec.Template!.Spec.ReadinessGates = [new V1PodReadinessGate { ConditionType = InPlaceUpdateKeys.ReadinessGate }]);

        var pod = CloneSetPods.Build(cloneSet, cloneSet.Spec.Template!, "web-h", "aaaaa");

        Assert.Single(pod.Spec.ReadinessGates);
    }

    [Fact]
    public void Claim_templates_become_pvcs_named_claim_cloneset_id_and_replace_the_same_named_volume()
    {
        var cloneSet = WithStorage();

        var pod = CloneSetPods.Build(cloneSet, cloneSet.Spec.Template!, "web-h", "x2b4k");
        var claim = Assert.Single(CloneSetPods.Claims(cloneSet, "x2b4k"));

        Assert.Equal(["data", "cache"], pod.Spec.Volumes.Select(v => v.Name));
        Assert.Equal("data-web-x2b4k", pod.Spec.Volumes[0].PersistentVolumeClaim.ClaimName);
        Assert.Null(pod.Spec.Volumes[0].EmptyDir);
        Assert.Equal(("data-web-x2b4k", "ns"), (claim.Metadata.Name, claim.Metadata.NamespaceProperty));
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web", [CloneSet.InstanceIdLabel] = "x2b4k" }, claim.Metadata.Labels);
        Assert.Equal(TestCloneSets.Uid, Assert.Single(claim.Metadata.OwnerReferences).Uid);
        Assert.Equal("1Gi", claim.Spec.Resources.Requests["storage"].ToString());
    }

    [Fact]
    public void Building_leaves_the_cloneset_template_untouched()
    {
        var cloneSet = WithStorage();

        CloneSetPods.Build(cloneSet, cloneSet.Spec.Template!, "web-h", "x2b4k");

        Assert.Null(cloneSet.Spec.Template!.Spec.ReadinessGates);
        Assert.NotNull(cloneSet.Spec.Template.Spec.Volumes[0].EmptyDir);
    }
}
