namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>Per-request options of a write (query parameters dryRun and fieldValidation).</summary>
public sealed class WriteOptions
{
    public bool DryRun { get; init; }

    /// <summary>Strict rejects unknown fields, Warn reports them as warnings, Ignore drops them silently.</summary>
    public string FieldValidation { get; init; } = "Warn";

    /// <summary>Warnings for the client (sent as `Warning: 299 - "..."` headers).</summary>
    public List<string> Warnings { get; } = [];

    public static WriteOptions Default => new();

    /// <summary>
    /// The write comes from an in-process component of the simulated cluster (scheduler, kubelet,
    /// event recorder) that builds its objects in code with every field of the right type, so the
    /// decoding check that turns a mistyped field of an API client into a 400 is skipped: decoding a
    /// pod into its model was the largest cost of a binding or status write.
    /// </summary>
    internal bool Trusted { get; init; }

    internal static WriteOptions Component => new() { Trusted = true };
}

/// <summary>DeleteOptions from the request body or query.</summary>
public sealed record DeleteOptions(
    string? PropagationPolicy = null,
    long? GracePeriodSeconds = null,
    string? PreconditionUid = null,
    string? PreconditionResourceVersion = null,
    bool DryRun = false);
