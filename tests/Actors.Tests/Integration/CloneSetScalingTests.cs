using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Tests.Cli;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// CloneSet scaling end to end: kubectl against the embedded API server, the production
/// controller (watch, entity, journal, gateway) doing the work. No kubelet runs here, so pods stay
/// Pending and unscheduled, which is all scaling needs.
/// </summary>
[Collection(ApiServerTests.Name)]
public sealed class CloneSetScalingTests(ApiServerFixture api)
{
    private static string InstanceId(V1Pod pod) => pod.Metadata.Labels[CloneSet.InstanceIdLabel];

    [Fact]
    public async Task Kubectl_scale_0_to_5_creates_five_owned_pods_at_the_revision_and_5_to_2_deletes_three()
    {
        await using var session = await CloneSetSession.Start(api);
        (await session.Kubectl("apply -f -", CloneSetSession.Yaml("web", 0))).Ok();
        await session.Settled("web", 0);

        (await session.Kubectl("scale cloneset web --replicas 5")).Ok();
        await session.Settled("web", 5);

        var cloneSet = await session.CloneSet("web");
        var revisions = (await session.Client.AppsV1.ListNamespacedControllerRevisionAsync(session.Namespace)).Items;
        var revision = Assert.Single(revisions);
        Assert.Equal(cloneSet.Metadata.Uid, Assert.Single(revision.Metadata.OwnerReferences, r => r.Controller == true).Uid);
        var five = await session.Pods();
        Assert.Equal(5, five.Count);
        Assert.All(five, pod =>
        {
            Assert.Matches("^web-[a-z0-9]{5}$", pod.Metadata.Name);
            Assert.Equal($"web-{InstanceId(pod)}", pod.Metadata.Name);
            var owner = Assert.Single(pod.Metadata.OwnerReferences);
            Assert.Equal(("apps.kruise.io/v1alpha1", "CloneSet", "web", cloneSet.Metadata.Uid, true, true),
                (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
            Assert.Equal(revision.Metadata.Name, pod.Metadata.Labels["controller-revision-hash"]);
            Assert.Equal("web", pod.Metadata.Labels["app"]);
            Assert.Contains(pod.Spec.ReadinessGates, g => g.ConditionType == "InPlaceUpdateReady");
        });

        var row = (await session.Kubectl("get cloneset web")).Ok().Table().Row("web");
        Assert.Equal(("5", "5", "0", "5"), (row["DESIRED"], row["UPDATED"], row["READY"], row["TOTAL"]));
        var status = JsonNode.Parse((await session.Kubectl("get cloneset web -o json")).Ok().Stdout)!;
        Assert.Equal(5, (int)status["status"]!["replicas"]!);
        Assert.Equal((long)status["metadata"]!["generation"]!, (long)status["status"]!["observedGeneration"]!);
        Assert.Equal("app=web", (string)status["status"]!["labelSelector"]!);
        Assert.Equal(revision.Metadata.Name, (string)status["status"]!["updateRevision"]!);
        Assert.Equal(5, (int)status["status"]!["updatedReplicas"]!);

        (await session.Kubectl("scale cloneset web --replicas 2")).Ok();
        await session.Settled("web", 2);

        var two = await session.Pods();
        Assert.Subset(five.Select(p => p.Metadata.Uid).ToHashSet(), two.Select(p => p.Metadata.Uid).ToHashSet());
        var describe = (await session.Kubectl("describe cloneset web")).Ok().Stdout;
        Assert.Equal(5, describe.Split('\n').Count(l => l.Contains("SuccessfulCreate", StringComparison.Ordinal)));
        Assert.Equal(3, describe.Split('\n').Count(l => l.Contains("SuccessfulDelete", StringComparison.Ordinal)));
        Assert.All(five.Except(two, PodByName.Instance), gone => Assert.Contains($"succeed to delete pod {gone.Metadata.Name}", describe, StringComparison.Ordinal));

        var journaled = session.Journaled("web");
        Assert.Equal(5, journaled.Count(m => m == "cs.pod-create"));
        Assert.Equal(3, journaled.Count(m => m == "cs.pod-delete"));
        var shown = await KruiseActorsCli.Run("events", "show", $"cloneset/{session.Namespace}/web", "--journal", session.Journal.Target.Display, "--output", "json");
        Assert.True(shown.ExitCode == 0, shown.Stderr);
        var summaries = shown.Lines.Select(l => (string)JsonNode.Parse(l)!["summary"]!).ToList();
        Assert.Equal(five.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal),
            summaries.Where(s => s.StartsWith("create pod ", StringComparison.Ordinal)).Select(s => s.Split(' ')[2]).Order(StringComparer.Ordinal));
        Assert.Equal(3, summaries.Count(s => s.StartsWith("delete pod ", StringComparison.Ordinal) && s.EndsWith("(ScaleDown)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_pod_named_in_podsToDelete_or_labelled_specified_delete_is_replaced_while_replicas_stay()
    {
        await using var session = await CloneSetSession.Start(api);
        (await session.Kubectl("apply -f -", CloneSetSession.Yaml("web", 3))).Ok();
        await session.Settled("web", 3);
        var before = await session.Pods();

        var listed = before[0].Metadata.Name;
        var patch = "{\"spec\":{\"scaleStrategy\":{\"podsToDelete\":[\"" + listed + "\"]}}}";
        (await session.Kubectl($"patch cloneset web --type merge -p '{patch}'")).Ok();
        await Eventually.True(async () => (await session.Pods()).All(p => p.Metadata.Name != listed), $"{listed} is deleted");
        await session.Settled("web", 3);

        var labelled = before[1].Metadata.Name;
        (await session.Kubectl($"label pod {labelled} apps.kruise.io/specified-delete=true")).Ok();
        await Eventually.True(async () => (await session.Pods()).All(p => p.Metadata.Name != labelled), $"{labelled} is deleted");
        await session.Settled("web", 3);

        var after = await session.Pods();
        Assert.Equal(before[2].Metadata.Uid, Assert.Single(after, p => p.Metadata.Name == before[2].Metadata.Name).Metadata.Uid);
        Assert.Equal(2, after.Count(p => before.All(b => b.Metadata.Name != p.Metadata.Name)));
        var journaled = session.Journaled("web");
        Assert.Equal(5, journaled.Count(m => m == "cs.pod-create"));
        Assert.Equal(2, journaled.Count(m => m == "cs.pod-delete"));
    }

    [Fact]
    public async Task Claims_are_named_by_instance_id_and_a_pod_deleted_by_hand_comes_back_with_its_claim()
    {
        await using var session = await CloneSetSession.Start(api);
        const string claims = """
              volumeClaimTemplates:
              - metadata:
                  name: data
                spec:
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests:
                      storage: 1Gi
            """;
        (await session.Kubectl("apply -f -", CloneSetSession.Yaml("db", 2, extraSpec: claims))).Ok();
        await session.Settled("db", 2);

        var pods = await session.Pods();
        var pvcs = (await session.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(session.Namespace)).Items;
        Assert.Equal(pods.Select(p => $"data-db-{InstanceId(p)}").Order(StringComparer.Ordinal), pvcs.Select(c => c.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(pods, pod => Assert.Equal($"data-db-{InstanceId(pod)}", pod.Spec.Volumes.Single(v => v.Name == "data").PersistentVolumeClaim.ClaimName));
        Assert.All(pvcs, pvc => Assert.Equal("db", Assert.Single(pvc.Metadata.OwnerReferences, r => r.Controller == true).Name));

        var lost = pods[0];
        (await session.Kubectl($"delete pod {lost.Metadata.Name}")).Ok();
        await Eventually.True(async () => (await session.Pods()).Any(p => p.Metadata.Name == lost.Metadata.Name && p.Metadata.Uid != lost.Metadata.Uid),
            $"{lost.Metadata.Name} is created again");
        await session.Settled("db", 2);

        var claimsAfter = (await session.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(session.Namespace)).Items;
        Assert.Equal(pvcs.Select(c => c.Metadata.Uid).Order(StringComparer.Ordinal), claimsAfter.Select(c => c.Metadata.Uid).Order(StringComparer.Ordinal));

        (await session.Kubectl("scale cloneset db --replicas 1")).Ok();
        await session.Settled("db", 1);
        var kept = Assert.Single(await session.Pods());
        await Eventually.True(async () => (await session.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(session.Namespace)).Items
            .Select(c => c.Metadata.Name).SequenceEqual([$"data-db-{InstanceId(kept)}"]), "the scaled-away pod's claim is deleted with it");
    }

    [Fact]
    public async Task An_invalid_spec_gets_a_warning_event_and_condition_and_a_fixed_spec_is_then_scaled()
    {
        await using var session = await CloneSetSession.Start(api);
        // The schema accepts it; only the controller's validation sees the selector miss the template.
        (await session.Kubectl("apply -f -", CloneSetSession.Yaml("web", 2, templateApp: "other"))).Ok();

        await Eventually.True(async () => (await session.CloneSet("web")).Status?.Conditions?.Any(c => c.Type == "FailedScale" && c.Status == "True" && c.Reason == "InvalidSpec") == true,
            "the FailedScale condition says InvalidSpec");
        var condition = (await session.CloneSet("web")).Status!.Conditions!.Single(c => c.Type == "FailedScale");
        Assert.Contains("spec.selector", condition.Message, StringComparison.Ordinal);
        await Eventually.True(async () => (await session.Kubectl("describe cloneset web")).Ok().Stdout.Contains("Warning  InvalidSpec", StringComparison.Ordinal),
            "kubectl describe shows the Warning event");
        Assert.Empty(await session.Pods());
        Assert.Contains("cs.spec-rejected", session.Journaled("web"));

        (await session.Kubectl("apply -f -", CloneSetSession.Yaml("web", 2))).Ok();
        await session.Settled("web", 2);
    }

    private sealed class PodByName : IEqualityComparer<V1Pod>
    {
        public static readonly PodByName Instance = new();

        public bool Equals(V1Pod? x, V1Pod? y) => x?.Metadata.Name == y?.Metadata.Name;

        public int GetHashCode(V1Pod obj) => obj.Metadata.Name.GetHashCode(StringComparison.Ordinal);
    }
}
