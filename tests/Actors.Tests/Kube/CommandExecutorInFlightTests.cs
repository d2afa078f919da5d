using System.Net;
using System.Net.Sockets;
using Akka.Event;
using k8s;
using k8s.Models;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;

namespace Kruise.Actors.Tests.Kube;

/// <summary>Writes beyond <see cref="GatewayOptions.MaxInFlight"/> wait as commands and never reach the server early.</summary>
public sealed class CommandExecutorInFlightTests : IDisposable
{
    // An API server that takes connections and never answers: every request sent stays in flight.
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = [];

    public CommandExecutorInFlightTests() => _silent.Start();

    public void Dispose()
    {
        foreach (var client in _accepted)
            client.Dispose();
        _silent.Dispose();
    }

    private async Task<int> ConnectionsWithin(TimeSpan window)
    {
        using var stop = new CancellationTokenSource(window);
        try
        {
            while (true)
                _accepted.Add(await _silent.AcceptTcpClientAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
            return _accepted.Count;
        }
    }

    private CommandExecutor Executor(int maxInFlight)
    {
        var port = ((IPEndPoint)_silent.LocalEndpoint).Port;
        var api = new KubeApi(new Kubernetes(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}" }));
        var options = new GatewayOptions { MaxInFlight = maxInFlight, Qps = 10_000, Burst = 10_000 };
        return new CommandExecutor(api, options, TimeProvider.System, new HealthLog("API server", NoLogger.Instance), new ControllerMetrics());
    }

    private static CreateObject Create(int i)
    {
        var pod = new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { Name = $"web-{i}", NamespaceProperty = "default" } };
        return new CreateObject($"c{i}", ObjectRef.Pod("default", pod.Metadata.Name), pod);
    }

    [Fact]
    public async Task Only_max_in_flight_writes_reach_the_server_and_the_rest_are_dropped_unsent_on_shutdown()
    {
        var executor = Executor(maxInFlight: 3);
        using var stopping = new CancellationTokenSource();

        var writes = Enumerable.Range(0, 10).Select(i => executor.Execute(Create(i), stopping.Token)).ToList();

        // Each write on its own connection (HTTP/1.1 to a plain-http server): connections = requests sent.
        Assert.Equal(3, await ConnectionsWithin(TimeSpan.FromSeconds(2)));
        Assert.Equal(3, executor.InFlight);

        await stopping.CancelAsync();
        foreach (var write in writes)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        Assert.Equal(0, executor.InFlight);
        Assert.Equal(3, await ConnectionsWithin(TimeSpan.FromMilliseconds(300)));
    }
}
