using System.Net;
using Akka.Event;
using k8s;
using k8s.Models;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;

namespace Kruise.Actors.Tests.Integration;

/// <summary>The gateway's writes against the embedded API server, and what each answer becomes.</summary>
[Collection(ApiServerTests.Name)]
public sealed class CommandGatewayTests(ApiServerFixture api) : Akka.TestKit.Xunit2.TestKit
{
    private static readonly GatewayOptions Fast = new() { RetryInitial = TimeSpan.FromMilliseconds(10), RetryMax = TimeSpan.FromMilliseconds(50), MaxAttempts = 3 };

    private readonly ControllerMetrics _metrics = new();

    private CommandExecutor Executor(KubeApi kube, GatewayOptions? options = null) =>
        new(kube, options ?? Fast, TimeProvider.System, new HealthLog("API server", Logging.GetLogger(Sys, "test")), _metrics);

    private static CreateObject CreatePod(V1Pod pod) => new(pod.Metadata.Name, ObjectRef.Pod(pod.Metadata.NamespaceProperty, pod.Metadata.Name), pod);

    [Fact]
    public async Task A_create_is_done_once_and_AlreadyExists_when_repeated()
    {
        var ns = await api.Namespace();
        var executor = Executor(api.Api());
        var command = CreatePod(ApiServerFixture.Pod(ns, "web-abcde"));

        var first = await executor.Execute(command, default);
        var again = await executor.Execute(command, default);

        Assert.Equal(CommandStatus.Done, first.Status);
        Assert.Equal(CommandStatus.AlreadyExists, again.Status);
        Assert.True(again.Succeeded);
        Assert.Equal("web-abcde", (await api.Client.CoreV1.ReadNamespacedPodAsync("web-abcde", ns)).Metadata.Name);
        Assert.Equal(1, _metrics.ApiWriteCount("create", CommandStatus.Done));
        Assert.Equal(1, _metrics.ApiWriteCount("create", CommandStatus.AlreadyExists));
    }

    [Fact]
    public async Task A_delete_for_another_incarnation_is_a_Conflict_and_a_missing_object_NotFound()
    {
        var ns = await api.Namespace();
        var executor = Executor(api.Api());
        await executor.Execute(CreatePod(ApiServerFixture.Pod(ns, "web-abcde")), default);
        var target = ObjectRef.Pod(ns, "web-abcde");

        var stale = await executor.Execute(new DeleteObject("d1", target, Uid: "uid-of-an-older-pod"), default);
        Assert.Equal(CommandStatus.Conflict, stale.Status);
        Assert.NotNull(await api.Client.CoreV1.ReadNamespacedPodAsync("web-abcde", ns));

        var uid = (await api.Client.CoreV1.ReadNamespacedPodAsync("web-abcde", ns)).Metadata.Uid;
        Assert.Equal(CommandStatus.Done, (await executor.Execute(new DeleteObject("d2", target, uid), default)).Status);
        Assert.Equal(CommandStatus.NotFound, (await executor.Execute(new DeleteObject("d3", target, uid), default)).Status);
    }

    [Fact]
    public async Task A_status_write_from_a_stale_version_is_a_Conflict()
    {
        var ns = await api.Namespace();
        var cloneSet = await api.CreateCloneSet(ns, "web");
        await api.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch),
            "apps.kruise.io", "v1alpha1", ns, "clonesets", "web");
        cloneSet.Status = new Kruise.Actors.Crds.Apps.CloneSetStatus { Replicas = 1 };

        var outcome = await Executor(api.Api()).Execute(new ReplaceStatus("s", ObjectRef.CloneSet(ns, "web"), cloneSet), default);

        Assert.Equal(CommandStatus.Conflict, outcome.Status);
        Assert.Contains("modified", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_content_is_Rejected_with_the_API_message()
    {
        var ns = await api.Namespace();
        var pod = ApiServerFixture.Pod(ns, "Not_A_DNS_Name");

        var outcome = await Executor(api.Api()).Execute(CreatePod(pod), default);

        Assert.Equal(CommandStatus.Rejected, outcome.Status);
        Assert.Contains("Not_A_DNS_Name", outcome.Message, StringComparison.Ordinal);
        Assert.False(outcome.Succeeded);
    }

    [Fact]
    public async Task Patches_use_the_content_type_of_their_kind()
    {
        var ns = await api.Namespace();
        var executor = Executor(api.Api());
        await executor.Execute(CreatePod(ApiServerFixture.Pod(ns, "p")), default);
        var target = ObjectRef.Pod(ns, "p");

        Assert.Equal(CommandStatus.Done, (await executor.Execute(new PatchObject("m", target, PatchKind.Merge, """{"metadata":{"labels":{"a":"1"}}}"""), default)).Status);
        Assert.Equal(CommandStatus.Done, (await executor.Execute(new PatchObject("j", target, PatchKind.Json, """[{"op":"add","path":"/metadata/labels/b","value":"2"}]"""), default)).Status);
        Assert.Equal(CommandStatus.Done, (await executor.Execute(new PatchObject("s", target, PatchKind.StrategicMerge, """{"metadata":{"labels":{"c":"3"}}}"""), default)).Status);

        var labels = (await api.Client.CoreV1.ReadNamespacedPodAsync("p", ns)).Metadata.Labels;
        Assert.Equal(("1", "2", "3"), (labels["a"], labels["b"], labels["c"]));
    }

    [Fact]
    public async Task An_event_is_recorded_on_its_object_once_per_command_id()
    {
        var ns = await api.Namespace();
        var cloneSet = await api.CreateCloneSet(ns, "web");
        var executor = Executor(api.Api());
        var record = new RecordEvent("web/create/web-abcde", ObjectRef.CloneSet(ns, "web"), cloneSet.Metadata.Uid, RecordEvent.Normal, "SuccessfulCreate", "succeed to create pod web-abcde");

        Assert.Equal(CommandStatus.Done, (await executor.Execute(record, default)).Status);
        Assert.Equal(CommandStatus.AlreadyExists, (await executor.Execute(record, default)).Status);

        var events = await api.Client.CoreV1.ListNamespacedEventAsync(ns);
        var recorded = Assert.Single(events.Items);
        Assert.Equal(("CloneSet", "web", cloneSet.Metadata.Uid), (recorded.InvolvedObject.Kind, recorded.InvolvedObject.Name, recorded.InvolvedObject.Uid));
        Assert.Equal(("SuccessfulCreate", "Normal", "kruise-actors"), (recorded.Reason, recorded.Type, recorded.Source.Component));
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_until_the_write_lands_once()
    {
        var ns = await api.Namespace();
        var faults = new FailFirstWrites(HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable);

        var outcome = await Executor(api.Api(faults), Fast with { MaxAttempts = 5 }).Execute(CreatePod(ApiServerFixture.Pod(ns, "retried")), default);

        Assert.Equal(CommandStatus.Done, outcome.Status);
        Assert.Equal(1, faults.PassedWrites);
    }

    [Fact]
    public async Task Persistent_server_errors_give_up_as_Failed_after_the_attempts()
    {
        var ns = await api.Namespace();
        var faults = new FailFirstWrites(HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable);

        var outcome = await Executor(api.Api(faults)).Execute(CreatePod(ApiServerFixture.Pod(ns, "never")), default);

        Assert.Equal(CommandStatus.Failed, outcome.Status);
        Assert.Contains("gave up after 3 attempts", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(0, faults.PassedWrites);
    }

    [Fact]
    public async Task An_unreachable_server_is_Failed_not_a_crash()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var config = new KubernetesClientConfiguration { Host = $"https://127.0.0.1:{port}", SkipTlsVerify = true, AccessToken = "x" };

        var outcome = await Executor(KubeApi.Create(config)).Execute(CreatePod(ApiServerFixture.Pod("default", "p")), default);

        Assert.Equal(CommandStatus.Failed, outcome.Status);
    }

    [Fact]
    public async Task The_gateway_actor_replies_the_outcome_to_the_sender()
    {
        var ns = await api.Namespace();
        using var stopping = new CancellationTokenSource();
        var gateway = Sys.ActorOf(CommandGateway.Props(Executor(api.Api()), stopping.Token));
        var entity = CreateTestProbe();

        gateway.Tell(CreatePod(ApiServerFixture.Pod(ns, "via-actor")), entity);
        var outcome = entity.ExpectMsg<CommandOutcome>(TimeSpan.FromSeconds(20));

        Assert.Equal(("via-actor", CommandStatus.Done), (outcome.Id, outcome.Status));
        Assert.Equal(ObjectRef.Pod(ns, "via-actor"), outcome.Target);
    }
}
