using System.Text.Json.Nodes;
using Kruise.Actors.Planning.Revisions;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.Revisions;

public sealed class ActiveRevisionsTests
{
    private static readonly RevisionData V1 = RevisionData.FromTemplate(TestCloneSets.Template("nginx:1.25"));
    private static readonly RevisionData V2 = RevisionData.FromTemplate(TestCloneSets.Template("nginx:1.26"));

    private static ObservedRevision Stored(RevisionData data, long number, int collisionCount = 0) =>
        new($"web-{data.Hash(collisionCount)}", number, data);

    [Fact]
    public void No_revision_yet_means_create_number_one_which_is_also_current()
    {
        var active = ActiveRevisions.Resolve("web", V1, [], 0, null);

        Assert.Equal((RevisionAction.Create, $"web-{V1.Hash(0)}", 1L), (active.Action, active.UpdateRevisionName, active.UpdateRevisionNumber));
        Assert.Equal(active.UpdateRevisionName, active.CurrentRevisionName);
    }

    [Fact]
    public void Newest_revision_equal_to_the_template_is_the_update_revision()
    {
        var active = ActiveRevisions.Resolve("web", V2, [Stored(V1, 1), Stored(V2, 2)], 0, Stored(V1, 1).Name);

        Assert.Equal((RevisionAction.None, Stored(V2, 2).Name), (active.Action, active.UpdateRevisionName));
        Assert.Equal(Stored(V1, 1).Name, active.CurrentRevisionName);
    }

    [Fact]
    public void A_template_changed_back_renumbers_the_older_equal_revision()
    {
        var active = ActiveRevisions.Resolve("web", V1, [Stored(V1, 1), Stored(V2, 2)], 0, Stored(V2, 2).Name);

        Assert.Equal((RevisionAction.Renumber, Stored(V1, 1).Name, 3L), (active.Action, active.UpdateRevisionName, active.UpdateRevisionNumber));
    }

    [Fact]
    public void A_name_taken_by_other_data_bumps_the_collision_count()
    {
        // Someone else's data sits under the name V2 would get.
        var squatter = new ObservedRevision($"web-{V2.Hash(0)}", 1, V1);

        var active = ActiveRevisions.Resolve("web", V2, [squatter], 0, null);

        Assert.Equal(1, active.CollisionCount);
        Assert.Equal((RevisionAction.Create, $"web-{V2.Hash(1)}"), (active.Action, active.UpdateRevisionName));
    }

    [Fact]
    public void A_known_collision_count_keeps_naming_the_same_revision()
    {
        var active = ActiveRevisions.Resolve("web", V2, [Stored(V2, 4, collisionCount: 2)], 2, null);

        Assert.Equal((RevisionAction.None, $"web-{V2.Hash(2)}", 2), (active.Action, active.UpdateRevisionName, active.CollisionCount));
    }

    [Fact]
    public void Current_revision_that_no_longer_exists_falls_back_to_the_update_revision()
    {
        var active = ActiveRevisions.Resolve("web", V2, [Stored(V2, 2)], 0, "web-gone");

        Assert.Equal(active.UpdateRevisionName, active.CurrentRevisionName);
    }

    [Fact]
    public void Observed_revision_reads_its_data_back_from_the_api_object()
    {
        var owner = new Kruise.Actors.Planning.Common.ControllerOwner("apps.kruise.io/v1alpha1", "CloneSet", "ns", "web", "uid-1");
        var built = ControllerRevisionFactory.Build(owner, V1, V1.Hash(0), 1, null, null);
        built.Data = System.Text.Json.JsonDocument.Parse(((JsonNode)built.Data).ToJsonString()).RootElement;

        var observed = ObservedRevision.From(built);

        Assert.True(observed.Data!.IsEquivalentTo(V1));
        Assert.Equal("uid-1", observed.OwnerUid);
    }
}
