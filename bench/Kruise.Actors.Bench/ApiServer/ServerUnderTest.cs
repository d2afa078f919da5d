using Kruise.Actors.Bench.Harness;
using Kruise.Actors.LocalCluster;

namespace Kruise.Actors.Bench.ApiServer;

/// <summary>The API server the phases drive: in the client's process, or in a process of its own.</summary>
public interface IServerUnderTest : IServerUsage, IAsyncDisposable
{
    string KubeconfigPath { get; }

    /// <summary>How the server runs, printed above the table.</summary>
    string Placement { get; }

    /// <summary>Collects the server's garbage, so one phase's is not collected during the next.</summary>
    Task Settle();
}

/// <summary>The server in the client's process: the client's CPU and allocation figures cover both.</summary>
public sealed class InProcessServer(LocalApiServer server) : IServerUnderTest
{
    public string KubeconfigPath => server.KubeconfigPath;
    public string Placement => "in the client's process (CPU and allocations cover client and server)";

    public Task<ServerUsage?> Read() => Task.FromResult<ServerUsage?>(null);

    // The client's own collection covers the server's heap too.
    public Task Settle() => Task.CompletedTask;

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
