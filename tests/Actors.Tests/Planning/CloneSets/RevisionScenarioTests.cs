using System.Text.Json.Nodes;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.Revisions;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.CloneSets;

public sealed class RevisionScenarioTests
{
    [Fact]
    public void Each_template_change_creates_one_revision_and_history_is_trimmed_to_the_limit()
    {
        var world = new CloneSetWorld(TestCloneSets.New(2, spec =>
        {
            spec.RevisionHistoryLimit = 1;
            spec.UpdateStrategy = new() { Paused = true };
        }));
        world.Settle();
        var first = TestCloneSets.RevisionName(world.CloneSet);
        var names = new List<string> { first };
        foreach (var image in new[] { "nginx:1.26", "nginx:1.27", "nginx:1.28" })
        {
            world.Edit(spec => spec.Template!.Spec.Containers[0].Image = image);
            world.Settle();
            names.Add(TestCloneSets.RevisionName(world.CloneSet));
        }

        // The pods still run the first revision (updates are paused), so it stays; so does the
        // update revision; one more is kept as history; the rest are deleted oldest first.
        Assert.Equal([names[0], names[2], names[3]], ActiveRevisions.Sort(world.Revisions.Values).Select(r => r.Name));
        Assert.Equal([1L, 3L, 4L], ActiveRevisions.Sort(world.Revisions.Values).Select(r => r.Revision));
        Assert.Equal([names[1]], world.Journaled<RevisionDeleteRequested>().Select(e => e.Name));
        Assert.Equal(names[3], world.CloneSet.Status!.UpdateRevision);
        Assert.Equal(first, world.CloneSet.Status.CurrentRevision);
    }

    [Fact]
    public void Pods_created_after_a_template_change_use_the_new_revision()
    {
        var world = new CloneSetWorld(TestCloneSets.New(1));
        world.Settle();
        world.Edit(spec => spec.Template!.Spec.Containers[0].Image = "nginx:1.26");
        world.Scale(2);

        world.Settle();

        var newest = world.PodBodies.Values.OrderBy(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.Uid, StringComparer.Ordinal).Last();
        Assert.Equal(TestCloneSets.RevisionName(world.CloneSet), newest.Metadata.Labels["controller-revision-hash"]);
        Assert.Equal("nginx:1.26", newest.Spec.Containers[0].Image);
    }

    [Fact]
    public void A_foreign_revision_under_our_name_bumps_collision_count_in_status()
    {
        var world = new CloneSetWorld(TestCloneSets.New(1));
        var taken = TestCloneSets.RevisionName(world.CloneSet);
        var other = RevisionData.FromTemplate(TestCloneSets.Template("busybox"));
        world.Revisions[taken] = new ObservedRevision(taken, 1, other, TestCloneSets.Uid);

        world.Settle();

        Assert.Equal(1, world.CloneSet.Status!.CollisionCount);
        Assert.Equal(TestCloneSets.RevisionName(world.CloneSet, collisionCount: 1), world.CloneSet.Status.UpdateRevision);
        Assert.Equal([1], world.Journaled<RevisionCollisionDetected>().Select(e => e.CollisionCount));
        Assert.Single(world.Pods);
    }

    [Fact]
    public void Changing_the_template_back_renumbers_the_old_revision_instead_of_creating_one()
    {
        var world = new CloneSetWorld(TestCloneSets.New(1));
        world.Settle();
        var original = TestCloneSets.RevisionName(world.CloneSet);
        world.Edit(spec => spec.Template!.Spec.Containers[0].Image = "nginx:1.26");
        world.Settle();
        world.Edit(spec => spec.Template!.Spec.Containers[0].Image = "nginx:1.25");

        world.Settle();

        Assert.Equal(2, world.Revisions.Count);
        Assert.Equal(3, world.Revisions[original].Revision);
        Assert.Contains(world.Sent, c => c is PatchObject { Patch: """{"revision":3}""" } p && p.Target.Name == original);
        Assert.Equal(original, world.CloneSet.Status!.UpdateRevision);
    }

    [Fact]
    public void The_created_revision_carries_the_template_patch_and_labels()
    {
        var world = new CloneSetWorld(TestCloneSets.New(1));

        var create = world.Step().Commands.OfType<CreateObject>().Single();

        var revision = Assert.IsType<k8s.Models.V1ControllerRevision>(create.Body);
        Assert.Equal(1, revision.Revision);
        Assert.Equal("web", revision.Metadata.Labels["app"]);
        Assert.Equal("replace", ((JsonNode)revision.Data)["spec"]!["template"]!["$patch"]!.GetValue<string>());
    }
}
