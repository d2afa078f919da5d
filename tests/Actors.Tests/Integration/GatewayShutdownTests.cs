using Akka.Event;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;

namespace Kruise.Actors.Tests.Integration;

/// <summary>A replica that stops with writes in flight.</summary>
[Collection(ApiServerTests.Name)]
public sealed class GatewayShutdownTests(ApiServerFixture api) : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task A_write_cut_off_by_the_replica_stopping_gets_no_outcome_so_its_intent_is_not_given_up()
    {
        var ns = await api.Namespace();
        var cutOff = new CutOffPodCreates(ns, passed: 0);
        using var stopping = new CancellationTokenSource();
        var executor = new CommandExecutor(api.Api(cutOff), new GatewayOptions(), TimeProvider.System, new HealthLog("API server", Logging.GetLogger(Sys, "test")), new ControllerMetrics());
        var gateway = Sys.ActorOf(CommandGateway.Props(executor, stopping.Token));
        var entity = CreateTestProbe();
        var pod = ApiServerFixture.Pod(ns, "web-abcde");

        gateway.Tell(new CreateObject("create:Pod:web-abcde", ObjectRef.Pod(ns, "web-abcde"), pod), entity);
        await Eventually.True(() => cutOff.Held == 1, "the create is in flight");
        await stopping.CancelAsync();

        entity.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }
}
