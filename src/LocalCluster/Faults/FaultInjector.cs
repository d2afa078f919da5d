using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Http;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Faults;

/// <summary>How many faults were injected so far.</summary>
public sealed record FaultCounts(long Conflicts, long TooManyRequests, long InternalErrors, long WatchesCut, long Compactions)
{
    public long WriteErrors => Conflicts + TooManyRequests + InternalErrors;
}

/// <summary>
/// Applies <see cref="FaultPolicy"/> to the API server's HTTP requests (the resource URLs; discovery,
/// OpenAPI and health stay clean). Only API clients over HTTP meet it: the built-in controllers,
/// the simulated nodes and `up`'s CRD installation call <see cref="Semantics.ResourceService"/> in
/// process, so the cluster's own machinery keeps working under any fault.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly ObjectStore _store;
    private readonly TimeProvider _clock;
    private FaultOptions _options = FaultOptions.None;
    private Random _random = new();
    private DateTimeOffset _lastCompaction;
    private long _conflicts;
    private long _tooManyRequests;
    private long _internalErrors;
    private long _watchesCut;
    private long _compactions;

    public FaultInjector(ObjectStore store, TimeProvider clock, FaultOptions options)
    {
        _store = store;
        _clock = clock;
        Options = options;
    }

    /// <summary>The faults in force; setting them reseeds the random source and restarts the compaction period.</summary>
    public FaultOptions Options
    {
        get
        {
            lock (_gate)
                return _options;
        }
        set
        {
            lock (_gate)
            {
                _options = value;
                _random = value.Seed is { } seed ? new Random(seed) : new Random();
                _lastCompaction = _clock.GetUtcNow();
            }
        }
    }

    public FaultCounts Counts => new(Interlocked.Read(ref _conflicts), Interlocked.Read(ref _tooManyRequests), Interlocked.Read(ref _internalErrors),
        Interlocked.Read(ref _watchesCut), Interlocked.Read(ref _compactions));

    /// <summary>
    /// Compacts the store now, as etcd's compaction does: watches and exact or continued lists from
    /// any older resourceVersion get 410 Gone; objects and open watches are untouched.
    /// </summary>
    public void Compact()
    {
        _store.CompactWatchHistory();
        Interlocked.Increment(ref _compactions);
    }

    /// <summary>The decision for one request; compacts first when the policy says it is due.</summary>
    public FaultDecision Decide(FaultRequest request)
    {
        FaultDecision decision;
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            decision = FaultPolicy.Decide(_options, request, _random, now, _lastCompaction);
            if (decision.CompactFirst)
                _lastCompaction = now;
        }
        if (decision.CompactFirst)
            Compact();
        switch (decision.Error?.Code)
        {
            case 409:
                Interlocked.Increment(ref _conflicts);
                break;
            case 429:
                Interlocked.Increment(ref _tooManyRequests);
                break;
            case 500:
                Interlocked.Increment(ref _internalErrors);
                break;
        }
        return decision;
    }

    /// <summary>
    /// Decides, waits out the latency, and answers an injected error; returns the decision, whose
    /// <see cref="FaultDecision.Error"/> set means the request was answered and must not be served.
    /// </summary>
    internal async Task<FaultDecision> Admit(HttpContext context, FaultRequest request)
    {
        var decision = Decide(request);
        if (decision.Delay > TimeSpan.Zero)
            await Task.Delay(decision.Delay, _clock, context.RequestAborted).ConfigureAwait(false);
        if (decision.Error is { } error)
            await Write(context, error, request).ConfigureAwait(false);
        return decision;
    }

    internal void WatchCut() => Interlocked.Increment(ref _watchesCut);

    /// <summary>The Status the apiserver sends for such an error (the 429 as its overload filter sends it, Retry-After included).</summary>
    public static JsonObject Status(InjectedError error, FaultRequest request)
    {
        var details = error.Code == 409 ? new StatusDetails(request.Name ?? "", request.Group, request.Resource) : null;
        var status = Responses.Status(new ApiException((HttpStatusCode)error.Code, error.Reason, error.Message, details: details));
        if (error.Code != 409 && error.RetryAfter is { } after)
            status["details"] = new JsonObject { ["retryAfterSeconds"] = RetryAfterSeconds(after) };
        return status;
    }

    private static async Task Write(HttpContext context, InjectedError error, FaultRequest request)
    {
        if (error.RetryAfter is { } after)
            context.Response.Headers.RetryAfter = RetryAfterSeconds(after).ToString(CultureInfo.InvariantCulture);
        await Responses.WriteJson(context, Status(error, request), error.Code).ConfigureAwait(false);
    }

    // Retry-After is whole seconds; a shorter wait still says 1.
    private static long RetryAfterSeconds(TimeSpan after) => Math.Max(1, (long)Math.Ceiling(after.TotalSeconds));
}
