namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// Lets the first <c>passed</c> pod creates through; then, as if the controller died at that very
/// moment, the next create reaches the server but its answer never comes back, and the ones after
/// never leave. Held requests end only when the controller's writes are cancelled. Only creates in
/// <c>ns</c> count: the controller also reconciles CloneSets other tests left on the shared server.
/// </summary>
public sealed class CutOffPodCreates(string ns, int passed) : DelegatingHandler
{
    private int _creates;
    private int _held;

    public int Held => Volatile.Read(ref _held);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith($"/namespaces/{ns}/pods", StringComparison.Ordinal))
        {
            var n = Interlocked.Increment(ref _creates);
            if (n > passed)
            {
                if (n == passed + 1)
                    (await base.SendAsync(request, cancellationToken)).Dispose();
                Interlocked.Increment(ref _held);
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
