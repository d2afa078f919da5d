namespace Kruise.Actors.LocalCluster.Faults;

/// <summary>
/// Which faults the embedded API server injects into requests of API clients over HTTP. The
/// default injects nothing. Only clients are affected: the built-in controllers and the simulated
/// nodes call the resource service in process and never see a fault.
/// </summary>
public sealed record FaultOptions
{
    /// <summary>The codes a write fault can answer with; 409 Conflict is never given to a create (see <see cref="FaultPolicy"/>).</summary>
    public static readonly IReadOnlyList<int> SupportedErrorCodes = [409, 429, 500];

    /// <summary>Fraction (0 to 1) of client writes (create, update, patch, delete, deletecollection) refused with an error, before they are applied.</summary>
    public double WriteErrorRate { get; init; }

    /// <summary>The codes write faults choose from, equally likely: a subset of <see cref="SupportedErrorCodes"/>.</summary>
    public IReadOnlyList<int> ErrorCodes { get; init; } = SupportedErrorCodes;

    /// <summary>The Retry-After a 429 carries (the apiserver's overload filter sends 1 s).</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Every client request waits a random time up to this long before it is served.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Each watch is cut (its connection aborted) after a random time between half of this and this; null never cuts.</summary>
    public TimeSpan? WatchLifetime { get; init; }

    /// <summary>Compact the store this often, so watches and exact lists from older resourceVersions get 410 Gone; null never does.</summary>
    public TimeSpan? CompactEvery { get; init; }

    /// <summary>Seed of the random source, so a run's faults can be repeated; null seeds from the clock.</summary>
    public int? Seed { get; init; }

    public static FaultOptions None { get; } = new();

    public bool IsNone => WriteErrorRate <= 0 && Latency <= TimeSpan.Zero && WatchLifetime is null && CompactEvery is null;
}
