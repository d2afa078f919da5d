using System.Text.Json.Nodes;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.InPlace;
using static Kruise.Actors.Tests.Planning.InPlace.InPlaceFixtures;

namespace Kruise.Actors.Tests.Planning.InPlace;

public sealed class PodInPlaceDeciderTests
{
    private const string NotReady = "inplace:not-ready:web-v2";
    private const string Patch = "inplace:patch:web-v2";
    private const string Ready = "inplace:ready:web-v2";

    private static PodInPlaceState Finished() => At(InPlaceStep.ReadyRequested).Evolve(new InPlaceUpdateCompleted("web-v2"));

    public static TheoryData<string, Func<PodInPlaceDecision>, string[], string[]> Requests => new()
    {
        // case, decision, events, commands
        { "accepted: condition False is set", () => PodInPlaceDecider.OnRequest(PodInPlaceState.Empty, Request(), Pod(), true, T0), ["InPlaceUpdateRequested"], [NotReady] },
        { "accepted on a pod without the gate", () => PodInPlaceDecider.OnRequest(PodInPlaceState.Empty, Request(), Pod(condition: null, gate: false), true, T0), ["InPlaceUpdateRequested"], [NotReady] },
        { "gate without condition: wait for the workload's True", () => PodInPlaceDecider.OnRequest(PodInPlaceState.Empty, Request(), Pod(condition: null), true, T0), ["InPlaceUpdateRequested"], [] },
        { "not synced yet: accepted, checked later", () => PodInPlaceDecider.OnRequest(PodInPlaceState.Empty, Request(), null, false, T0), ["InPlaceUpdateRequested"], [] },
        { "already False for the update: straight to the patch", () => PodInPlaceDecider.OnRequest(PodInPlaceState.Empty, Request(), Pod(condition: "False", reason: "StartInPlaceUpdate"), true, T0), ["InPlaceUpdateRequested", "InPlaceNotReadyMarked", "InPlacePatchRequested"], [Patch] },
        { "repeat of the update in progress", () => PodInPlaceDecider.OnRequest(At(InPlaceStep.Requested), Request(), Pod(), true, T0), [], [] },
        { "repeat of a patched update", () => PodInPlaceDecider.OnRequest(At(InPlaceStep.Patched), Request(), Pod(), true, T0), [], [] },
        { "repeat of a finished update", () => PodInPlaceDecider.OnRequest(Finished(), Request(), Pod(), true, T0), [], [] },
        { "other uid (pod recreated)", () => PodInPlaceDecider.OnRequest(PodInPlaceState.Empty, Request(uid: "uid-0"), Pod(), true, T0), [], [] },
        { "pod gone", () => PodInPlaceDecider.OnRequest(PodInPlaceState.Empty, Request(), null, true, T0), [], [] },
        { "pod being deleted", () => PodInPlaceDecider.OnRequest(PodInPlaceState.Empty, Request(), Pod() with { Deleting = true }, true, T0), [], [] },
        { "finished update, next revision", () => PodInPlaceDecider.OnRequest(Finished(), Request("web-v3"), Pod(), true, T0), ["InPlaceUpdateRequested"], ["inplace:not-ready:web-v3"] },
        { "supersedes an update in progress", () => PodInPlaceDecider.OnRequest(At(InPlaceStep.Patched), Request("web-v3"), Pod(), true, T0), ["InPlaceUpdateRequested"], ["inplace:not-ready:web-v3"] },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Requests_are_accepted_once_for_the_observed_pod(string name, Func<PodInPlaceDecision> decide, string[] events, string[] commands)
    {
        var decision = decide();

        Assert.True(events.SequenceEqual(EventNames(decision)), $"{name}: events [{string.Join(", ", EventNames(decision))}]");
        Assert.True(commands.SequenceEqual(CommandIds(decision)), $"{name}: commands [{string.Join(", ", CommandIds(decision))}]");
    }

    public static TheoryData<string, Func<PodInPlaceDecision>, string[], string[], double?> Steps => new()
    {
        // case, decision, events, commands, wake (seconds after T0)
        { "not-ready written, grace 0: patch", () => PodInPlaceDecider.OnOutcome(At(InPlaceStep.Requested), Outcome(NotReady, CommandStatus.Done), Pod(), true, T0), ["InPlaceNotReadyMarked", "InPlacePatchRequested"], [Patch], null },
        { "not-ready written, grace 30: wait", () => PodInPlaceDecider.OnOutcome(At(InPlaceStep.Requested, Request(grace: 30)), Outcome(NotReady, CommandStatus.Done), Pod(), true, T0), ["InPlaceNotReadyMarked"], [], 30 },
        { "grace not over", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.NotReady, Request(grace: 30)), Pod(condition: "False"), T0.AddSeconds(10), false), [], [], 30 },
        { "grace over: patch", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.NotReady, Request(grace: 30)), Pod(condition: "False"), T0.AddSeconds(30), false), ["InPlacePatchRequested"], [Patch], null },
        { "requested, pod not False yet: status write", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.Requested), Pod(), T0, true), [], [NotReady], null },
        { "requested, pod shows False (write made before a crash)", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.Requested), Pod(condition: "False", reason: "StartInPlaceUpdate"), T0, true), ["InPlaceNotReadyMarked", "InPlacePatchRequested"], [Patch], null },
        { "patched, pod does not show it: patch again", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.Patched), Pod(condition: "False"), T0, true), [], [Patch], null },
        { "patch accepted by the API", () => PodInPlaceDecider.OnOutcome(At(InPlaceStep.Patched), Outcome(Patch, CommandStatus.Done), Pod(condition: "False"), true, T0), ["InPlacePatchApplied"], [], null },
        { "patch accepted, stale pod seen: no second patch", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.Patched, patchApplied: true), Pod(condition: "False"), T0, false), [], [], null },
        { "patch shows, kubelet not done", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.Patched), Patched(Pod(condition: "False")), T0, false), [], [], null },
        { "new image running: ready", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.Patched), Running(Patched(Pod(condition: "False"))), T0, false), ["InPlaceReadyRequested"], [Ready], null },
        { "ready written", () => PodInPlaceDecider.OnOutcome(At(InPlaceStep.ReadyRequested), Outcome(Ready, CommandStatus.Done), Running(Patched(Pod(condition: "False"))), true, T0), ["InPlaceUpdateCompleted"], [], null },
        { "ready requested, pod shows True (written before a crash)", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.ReadyRequested), Running(Patched(Pod())), T0, true), ["InPlaceUpdateCompleted"], [], null },
        { "ready requested, not True: write again", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.ReadyRequested), Running(Patched(Pod(condition: "False"))), T0, true), [], [Ready], null },
        { "stale outcome of an earlier step", () => PodInPlaceDecider.OnOutcome(At(InPlaceStep.Patched), Outcome(NotReady, CommandStatus.Done), Pod(), true, T0), [], [], null },
        { "outcome of another revision", () => PodInPlaceDecider.OnOutcome(At(InPlaceStep.Requested), Outcome("inplace:not-ready:web-v9", CommandStatus.Done), Pod(), true, T0), [], [], null },
        { "write gave up: retried after backoff", () => PodInPlaceDecider.OnOutcome(At(InPlaceStep.Patched), Outcome(Patch, CommandStatus.Failed), Pod(), true, T0), [], [], 5 },
        { "write refused: abandoned with a Warning", () => PodInPlaceDecider.OnOutcome(At(InPlaceStep.Patched), Outcome(Patch, CommandStatus.Rejected, "invalid"), Pod(), true, T0), ["InPlaceUpdateAbandoned"], ["inplace:event:web-v2:patch pod"], null },
        { "pod not found on write", () => PodInPlaceDecider.OnOutcome(At(InPlaceStep.Requested), Outcome(NotReady, CommandStatus.NotFound), null, true, T0), ["InPlaceUpdateAbandoned"], [], null },
        { "uid changed before the status write", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.Requested), Pod(uid: "uid-9"), T0, false), ["InPlaceUpdateAbandoned"], [], null },
        { "uid changed in the grace period", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.NotReady, Request(grace: 30)), Pod(uid: "uid-9"), T0, false), ["InPlaceUpdateAbandoned"], [], null },
        { "uid changed after the patch", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.Patched), Pod(uid: "uid-9"), T0, false), ["InPlaceUpdateAbandoned"], [], null },
        { "pod deleted while patched", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.Patched), null, T0, false), ["InPlaceUpdateAbandoned"], [], null },
        { "pod being deleted", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.ReadyRequested), Pod() with { Deleting = true }, T0, false), ["InPlaceUpdateAbandoned"], [], null },
        { "recovered with a request unchecked, uid matches", () => PodInPlaceDecider.OnObserved(At(InPlaceStep.Requested), Pod(), T0, true), [], [NotReady], null },
        { "idle", () => PodInPlaceDecider.OnObserved(PodInPlaceState.Empty, Pod(), T0, false), [], [], null },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Each_step_moves_on_from_its_write_or_from_what_the_pod_shows(string name, Func<PodInPlaceDecision> decide, string[] events, string[] commands, double? wake)
    {
        var decision = decide();

        Assert.True(events.SequenceEqual(EventNames(decision)), $"{name}: events [{string.Join(", ", EventNames(decision))}]");
        Assert.True(commands.SequenceEqual(CommandIds(decision)), $"{name}: commands [{string.Join(", ", CommandIds(decision))}]");
        Assert.Equal(wake is null ? null : T0.AddSeconds(wake.Value), decision.WakeAt);
    }

    [Fact]
    public void The_pod_gone_with_nothing_pending_lets_the_entity_stop()
    {
        Assert.True(PodInPlaceDecider.OnObserved(At(InPlaceStep.Patched), null, T0, false).Passivate);
        Assert.True(PodInPlaceDecider.OnObserved(PodInPlaceState.Empty, null, T0, false).Passivate);
        Assert.False(PodInPlaceDecider.OnObserved(PodInPlaceState.Empty, Pod(), T0, false).Passivate);
    }

    public static TheoryData<string, Func<InPlacePod, InPlacePod>, string[], bool> Completion => new()
    {
        // case, pod after the patch, restart containers, completed
        { "new digest and image", p => Running(p), [], true },
        { "digest unchanged", p => Running(p, imageId: "sha-old"), [], false },
        { "no digest reported yet", p => Running(p, imageId: ""), [], false },
        { "status still the old image", p => Running(p, statusImage: "docker.io/library/nginx:1.25"), [], false },
        { "short image name in status", p => Running(p, statusImage: "nginx:1.26"), [], true },
        { "restart container restarted", p => Running(p), ["app"], true },
        { "restart container not restarted", p => Running(p) with { Containers = [.. Running(p).Containers.Select(c => c with { RestartCount = 0 })] }, ["app"], false },
        { "env-only container not restarted", p => Running(p), ["side"], false },
        { "env-only container restarted", p => Running(p) with { Containers = [.. Running(p).Containers.Select(c => c.Name == "side" ? c with { RestartCount = 1 } : c)] }, ["side"], true },
        { "updated container missing from status", p => p with { Containers = [.. p.Containers.Where(c => c.Name != "app")] }, [], false },
    };

    [Theory]
    [MemberData(nameof(Completion))]
    public void Completion_needs_new_digests_of_the_new_images_and_restarts(string name, Func<InPlacePod, InPlacePod> after, string[] restart, bool completed)
    {
        var request = Request(restart: restart);
        var progress = At(InPlaceStep.Patched, request).Current!;

        Assert.True(completed == PodInPlaceDecider.Completed(progress, after(Patched(Pod()))), name);
    }

    [Fact]
    public void The_pod_patch_carries_images_metadata_revision_and_openkruise_state()
    {
        var request = Request(restart: ["app"]);
        var last = PodInPlaceDecider.LastStatuses(request.Spec, Pod(restarts: 2));

        var patch = PodInPlaceCommands.PodPatch(request, T0, last);

        Assert.Equal(PatchKind.StrategicMerge, patch.Kind);
        Assert.Null(patch.Subresource);
        Assert.Equal(ObjectRef.Pod("default", "web-abcde"), patch.Target);
        var body = JsonNode.Parse(patch.Patch)!;
        Assert.Equal("""{"old":null,"tier":"back","controller-revision-hash":"web-v2"}""", body["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal("v2", (string?)body["metadata"]!["annotations"]!["note"]);
        Assert.Equal("""[{"name":"app","image":"nginx:1.26"}]""", body["spec"]!["containers"]!.ToJsonString());
        var state = JsonNode.Parse((string)body["metadata"]!["annotations"]!["apps.kruise.io/inplace-update-state"]!)!;
        Assert.Equal(
            """{"revision":"web-v2","updateTimestamp":"2026-01-01T10:00:00Z","lastContainerStatuses":{"app":{"imageID":"sha-old"}},"updateEnvFromMetadata":true,"updateImages":true,"containerBatchesRecord":[{"timestamp":"2026-01-01T10:00:00Z","containers":["app"]}]}""",
            state.ToJsonString());
        Assert.Equal(new LastContainerStatus("sha-old", 2), last["app"]);
    }

    [Fact]
    public void A_metadata_only_update_patches_no_containers()
    {
        var request = Request() with { Spec = Spec() with { ContainerImages = new Dictionary<string, string>() } };

        var body = JsonNode.Parse(PodInPlaceCommands.PodPatch(request, T0, new Dictionary<string, LastContainerStatus>()).Patch)!;

        Assert.Null(body["spec"]);
        Assert.Equal("web-v2", (string?)body["metadata"]!["labels"]!["controller-revision-hash"]);
    }

    [Theory]
    [InlineData("False", "StartInPlaceUpdate")]
    [InlineData("True", null)]
    public void Condition_writes_set_the_status_and_clear_or_set_the_reason(string status, string? reason)
    {
        var write = status == "False" ? PodInPlaceCommands.NotReady(Request(), T0) : PodInPlaceCommands.Ready(Request(), T0);

        Assert.Equal("status", write.Subresource);
        var condition = JsonNode.Parse(write.Patch)!["status"]!["conditions"]![0]!;
        Assert.Equal(("InPlaceUpdateReady", status, reason, "2026-01-01T10:00:00Z"),
            ((string?)condition["type"], (string?)condition["status"], (string?)condition["reason"], (string?)condition["lastTransitionTime"]));
        Assert.True(condition.AsObject().ContainsKey("reason"));
    }

    [Theory]
    [InlineData("nginx:1.26", "docker.io/library/nginx:1.26", true)]
    [InlineData("nginx", "docker.io/library/nginx:latest", true)]
    [InlineData("me/app:1", "docker.io/me/app:1", true)]
    [InlineData("registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9", true)]
    [InlineData("localhost:5000/app", "localhost:5000/app:latest", true)]
    [InlineData("nginx:1.26", "docker.io/library/nginx:1.25", false)]
    [InlineData("nginx@sha256:abc", "docker.io/library/nginx@sha256:abc", true)]
    public void Image_names_compare_with_docker_hub_defaults(string spec, string status, bool same) =>
        Assert.Equal(same, ImageNames.Same(spec, status));
}
