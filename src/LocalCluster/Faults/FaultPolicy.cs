namespace Kruise.Actors.LocalCluster.Faults;

/// <summary>
/// Decides the fault, if any, for one client request: pure but for the random source it is
/// given, so a seeded source repeats a run's faults. Draws are made in a fixed order (latency,
/// then error, then watch lifetime) and only for the faults that apply, so turning one fault on
/// does not shift another's draws on requests it does not touch.
/// </summary>
public static class FaultPolicy
{
    public static FaultDecision Decide(FaultOptions options, FaultRequest request, Random random, DateTimeOffset now, DateTimeOffset lastCompaction)
    {
        if (options.IsNone)
            return FaultDecision.Pass;
        // Compaction rides on requests instead of a timer: only a request can observe it (an open
        // watch survives an etcd compaction too), so compacting when the next one arrives looks the same.
        var compact = options.CompactEvery is { } every && now - lastCompaction >= every;
        var delay = options.Latency > TimeSpan.Zero ? TimeSpan.FromTicks((long)(random.NextDouble() * options.Latency.Ticks)) : TimeSpan.Zero;
        var error = request.IsWrite && options.WriteErrorRate > 0 && random.NextDouble() < options.WriteErrorRate
            ? ErrorFor(options, request, random)
            : null;
        TimeSpan? lifetime = request.Verb == ApiVerb.Watch && options.WatchLifetime is { } longest
            ? TimeSpan.FromTicks(longest.Ticks / 2 + (long)(random.NextDouble() * (longest.Ticks - longest.Ticks / 2)))
            : null;
        return new FaultDecision(delay, error, lifetime, compact);
    }

    /// <summary>
    /// One of the configured codes. A create never gets 409 Conflict: the apiserver answers a
    /// create only with AlreadyExists, and claiming an object exists that does not would be a lie
    /// no real server tells, not a fault; with 409 the only code, creates pass.
    /// </summary>
    private static InjectedError? ErrorFor(FaultOptions options, FaultRequest request, Random random)
    {
        var codes = request.Verb == ApiVerb.Create ? options.ErrorCodes.Where(c => c != 409).ToList() : options.ErrorCodes;
        if (codes.Count == 0)
            return null;
        return codes[random.Next(codes.Count)] switch
        {
            409 => new InjectedError(409, "Conflict",
                $"Operation cannot be fulfilled on {Qualified(request)} \"{request.Name}\": the object has been modified; please apply your changes to the latest version and try again"),
            429 => new InjectedError(429, "TooManyRequests", "Too many requests, please try again later.", options.RetryAfter),
            _ => new InjectedError(500, "InternalError", "Internal error occurred: injected fault"),
        };
    }

    // The apiserver names the resource as resource.group in a conflict.
    private static string Qualified(FaultRequest request) => request.Group.Length == 0 ? request.Resource : $"{request.Resource}.{request.Group}";
}
