namespace Kruise.Actors.Kube;

/// <summary>Client-side limits of this replica's command gateway.</summary>
public sealed record GatewayOptions
{
    public double Qps { get; init; } = 100;
    public int Burst { get; init; } = 200;

    /// <summary>
    /// Writes this replica has at the API server at once (a write waiting to retry keeps its turn); the
    /// rest wait as commands, not as requests. kube-apiserver answers 429 beyond its own default of 200 mutating requests in flight,
    /// so more would only be sent again, and each waiting request holds its encoded body meanwhile.
    /// </summary>
    public int MaxInFlight { get; init; } = 200;

    /// <summary>Attempts per command on 429/5xx/transport errors before the outcome is Failed.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How Events are aggregated and spam-filtered before they are written (client-go's defaults).</summary>
    public EventCorrelationOptions Events { get; init; } = new();

    /// <summary>The component named as the source of Kubernetes Events.</summary>
    public string Component { get; init; } = "kruise-actors";
}
