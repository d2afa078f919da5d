using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.IO.Pipelines;
using k8s;

namespace Kruise.Actors.Bench.ApiServer;

/// <summary>
/// One watch on a namespace's pods over the real client's HTTP stack, reading the raw event
/// lines: decoding every event into a V1Pod would put the client's JSON cost, not the server's
/// fan-out, into the latency. Each line is searched for the probe annotation only.
/// </summary>
public sealed class PodWatcher : IAsyncDisposable
{
    public const string ProbeAnnotation = "bench.kruise.io/probe";
    private static readonly byte[] Marker = System.Text.Encoding.UTF8.GetBytes($"\"{ProbeAnnotation}\":\"");

    private readonly Stream _stream;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;
    private int _received;

    private readonly int _round;

    private PodWatcher(Stream stream, int round, int expected)
    {
        _stream = stream;
        _round = round;
        Receipts = new long[expected];
        _loop = Task.Run(Read);
    }

    /// <summary>Stopwatch timestamp at which the probe of each pod index arrived (0: not yet).</summary>
    public long[] Receipts { get; }

    public int Received => Volatile.Read(ref _received);

    /// <summary>Completes once a probe arrived for every pod index.</summary>
    public Task Complete => _complete.Task;

    /// <summary>
    /// Opens the watch on the client's own HttpClient (its TLS trust and connection pool). The
    /// client's typed watch call cannot be used raw: it buffers the stream up to the first event.
    /// Probes look like "round:index"; those of other rounds are ignored.
    /// </summary>
    public static async Task<PodWatcher> Open(Kubernetes client, string token, string ns, string resourceVersion, int round, int expected)
    {
        var uri = new Uri(client.BaseUri, $"api/v1/namespaces/{ns}/pods?watch=true&resourceVersion={resourceVersion}&timeoutSeconds=1800");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        return new PodWatcher(stream, round, expected);
    }

    private async Task Read()
    {
        var reader = PipeReader.Create(_stream);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                var buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    OnLine(buffer.Slice(0, end), now);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The server went away (disposed at the end of a run).
        }
        await reader.CompleteAsync().ConfigureAwait(false);
    }

    private void OnLine(ReadOnlySequence<byte> line, long now)
    {
        var bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        var at = bytes.IndexOf(Marker);
        if (at < 0)
            return;
        var value = bytes[(at + Marker.Length)..];
        if (!Utf8Parser.TryParse(value, out int round, out var used) || round != _round || value.Length <= used || value[used] != ':'
            || !Utf8Parser.TryParse(value[(used + 1)..], out int index, out _) || index < 0 || index >= Receipts.Length || Receipts[index] != 0)
            return;
        Receipts[index] = now;
        if (Interlocked.Increment(ref _received) == Receipts.Length)
            _complete.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
