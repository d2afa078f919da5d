using System.Collections.Immutable;

namespace Kruise.Actors.Planning.InPlace;

/// <summary>Where an update in progress stands; each value is entered by persisting its event.</summary>
public enum InPlaceStep
{
    /// <summary>Accepted: InPlaceUpdateReady=False is to be set.</summary>
    Requested,

    /// <summary>The pod is not ready for the update; waiting out the grace period.</summary>
    NotReady,

    /// <summary>The pod patch is decided; waiting for the kubelet to run the new containers.</summary>
    Patched,

    /// <summary>Updated; InPlaceUpdateReady=True is to be set.</summary>
    ReadyRequested,
}

/// <summary>The update in progress and what each step recorded.</summary>
public sealed record InPlaceUpdateProgress(UpdatePodInPlace Request, InPlaceStep Step, DateTimeOffset RequestedAt)
{
    public DateTimeOffset? GraceUntil { get; init; }
    public DateTimeOffset? PatchedAt { get; init; }
    public ImmutableSortedDictionary<string, LastContainerStatus> LastContainers { get; init; } = ImmutableSortedDictionary<string, LastContainerStatus>.Empty;
    public DateTimeOffset? ReadyAt { get; init; }

    /// <summary>The API accepted the pod patch.</summary>
    public bool PatchApplied { get; init; }

    public string Revision => Request.Spec.Revision;
}

/// <summary>
/// The pod entity's durable state: the in-place update in progress, and the last one that ended
/// (so a repeated request for it is ignored). Folded from <see cref="PodInPlaceEvent"/>s; also the snapshot.
/// </summary>
public sealed record PodInPlaceState
{
    public const string SnapshotManifest = "pod.state";

    public static PodInPlaceState Empty { get; } = new();

    public InPlaceUpdateProgress? Current { get; init; }

    /// <summary>Pod uid and revision of the last update that completed or was given up.</summary>
    public string? FinishedUid { get; init; }

    public string? FinishedRevision { get; init; }

    public bool Pending => Current is not null;

    public PodInPlaceState Evolve(PodInPlaceEvent e) => e switch
    {
        InPlaceUpdateRequested r => this with { Current = new InPlaceUpdateProgress(r.Request, InPlaceStep.Requested, r.At) },
        InPlaceNotReadyMarked m when Current?.Revision == m.Revision => this with { Current = Current with { Step = InPlaceStep.NotReady, GraceUntil = m.GraceUntil } },
        InPlacePatchRequested p when Current?.Revision == p.Revision => this with { Current = Current with { Step = InPlaceStep.Patched, PatchedAt = p.At, LastContainers = p.LastContainers } },
        InPlacePatchApplied a when Current?.Revision == a.Revision => this with { Current = Current with { PatchApplied = true } },
        InPlaceReadyRequested r when Current?.Revision == r.Revision => this with { Current = Current with { Step = InPlaceStep.ReadyRequested, ReadyAt = r.At } },
        InPlaceUpdateCompleted or InPlaceUpdateAbandoned when Current?.Revision == e.Revision =>
            this with { Current = null, FinishedUid = Current.Request.PodUid, FinishedRevision = Current.Revision },
        // An event for an update that is no longer current (superseded) changes nothing.
        _ => this,
    };

    public PodInPlaceState EvolveAll(IEnumerable<PodInPlaceEvent> events) => events.Aggregate(this, (s, e) => s.Evolve(e));
}
