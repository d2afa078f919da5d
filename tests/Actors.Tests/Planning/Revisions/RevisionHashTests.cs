using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Planning.Common;
using Kruise.Actors.Planning.Revisions;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.Revisions;

public sealed class RevisionHashTests
{
    private const string NginxData =
        """{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx","resources":{}}]}}}}""";

    [Fact]
    public void Revision_data_is_the_template_patch_written_as_Go_writes_it()
    {
        var data = RevisionData.FromTemplate(TestCloneSets.Template());

        Assert.Equal(NginxData, data.Raw);
    }

    // Expected values: 32-bit FNV-1 over the data then the collision count, decimal, safe-encoded
    // (computed independently of this code).
    [Theory]
    [InlineData(NginxData, 0, "7cd7c66f7c")]
    [InlineData(NginxData, 1, "7cd7c66f7b")]
    [InlineData(NginxData, 2, "7cd7c66f7f")]
    public void Hash_is_kubes_controller_revision_hash(string data, int collisionCount, string expected) =>
        Assert.Equal(expected, RevisionHash.Compute(data, collisionCount));

    [Fact]
    public void Same_template_hashes_the_same_whatever_the_property_order_or_explicit_defaults()
    {
        var plain = TestCloneSets.Template();
        var defaulted = TestCloneSets.Template();
        PodTemplateDefaults.Apply(defaulted);
        var defaultedAgain = ObjectCopy.Clone(defaulted);
        PodTemplateDefaults.Apply(defaultedAgain);

        Assert.Equal(RevisionData.FromTemplate(plain).Hash(0), RevisionData.FromTemplate(TestCloneSets.Template()).Hash(0));
        Assert.Equal(RevisionData.FromTemplate(defaulted).Hash(0), RevisionData.FromTemplate(defaultedAgain).Hash(0));
        Assert.NotEqual(RevisionData.FromTemplate(plain).Hash(0), RevisionData.FromTemplate(TestCloneSets.Template("nginx:1.26")).Hash(0));
    }

    [Fact]
    public void Revision_object_is_named_after_the_workload_and_labelled_with_its_hash()
    {
        var owner = new ControllerOwner("apps.kruise.io/v1alpha1", "CloneSet", "ns", "web", "uid-1");
        var data = RevisionData.FromTemplate(TestCloneSets.Template());

        var revision = ControllerRevisionFactory.Build(owner, data, data.Hash(0), 3, new Dictionary<string, string> { ["app"] = "web" }, null);

        Assert.Equal("web-7cd7c66f7c", revision.Metadata.Name);
        Assert.Equal("ns", revision.Metadata.NamespaceProperty);
        Assert.Equal(3, revision.Revision);
        Assert.Equal("7cd7c66f7c", revision.Metadata.Labels[ControllerRevisionFactory.HashLabel]);
        Assert.Equal("web", revision.Metadata.Labels["app"]);
        var ownerRef = Assert.Single(revision.Metadata.OwnerReferences);
        Assert.True(ownerRef is { Controller: true, BlockOwnerDeletion: true, Kind: "CloneSet", Uid: "uid-1" });
        Assert.Equal(TestCloneSets.Template().Spec.Containers[0].Image, RevisionData.FromNode((JsonNode)revision.Data)!.Template()!.Spec.Containers[0].Image);
    }

    [Fact]
    public void Observed_data_without_null_fields_is_still_the_same_revision()
    {
        var data = RevisionData.FromTemplate(TestCloneSets.Template());
        var stored = JsonNode.Parse(NginxData.Replace("\"creationTimestamp\":null,", "", StringComparison.Ordinal));

        Assert.True(data.IsEquivalentTo(RevisionData.FromNode(stored)!));
    }

    [Theory]
    [InlineData("web-7cd7c66f7c", "web-7cd7c66f7c", true)]
    [InlineData("7cd7c66f7c", "web-7cd7c66f7c", true)]
    [InlineData("web-7587568c94", "web-7cd7c66f7c", false)]
    [InlineData(null, "web-7cd7c66f7c", false)]
    public void Pod_revision_label_matches_by_full_name_or_short_hash(string? label, string revision, bool matches) =>
        Assert.Equal(matches, RevisionHash.Matches(label, revision));
}
