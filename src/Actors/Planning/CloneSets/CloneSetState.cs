using System.Collections.Immutable;
using Kruise.Actors.Planning.IpSlots;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>The last write the API refused; shown as the FailedScale condition and used for backoff.</summary>
public sealed record ScaleFailure(IntentKind Kind, string Name, string Message, DateTimeOffset At);

/// <summary>Pods cannot reach <paramref name="Revision"/> (shown as the FailedUpdate condition while it is the update revision).</summary>
public sealed record UpdateBlock(string Revision, string Message, DateTimeOffset At);

/// <summary>
/// The CloneSet entity's durable state: only what the API cannot give back after a restart
/// (intents, the instance-id sequence, slow-start progress, failures). Built by folding
/// <see cref="CloneSetEvent"/>s with <see cref="Evolve"/>; snapshots store it as it is.
/// </summary>
public sealed record CloneSetState
{
    /// <summary>Manifest of the snapshot form of this state.</summary>
    public const string SnapshotManifest = "cs.state";

    public static CloneSetState Empty { get; } = new();

    /// <summary>The CloneSet incarnation this state belongs to; null until first observed.</summary>
    public string? Uid { get; init; }

    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";

    /// <summary>Pending writes by <see cref="Intent.Key"/>, in ordinal key order (also after a snapshot is read back).</summary>
    public ImmutableSortedDictionary<string, Intent> Intents
    {
        get;
        init => field = value.WithComparers(StringComparer.Ordinal);
    } = ImmutableSortedDictionary<string, Intent>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The next sequence number instance ids are derived from (with the uid as seed).</summary>
    public long NextIdSequence { get; init; }

    /// <summary>ControllerRevision hash collisions seen so far.</summary>
    public int CollisionCount { get; init; }

    /// <summary>How many pods the next create batch may hold (1, 2, 4, ... while batches succeed).</summary>
    public int SlowStartBatch { get; init; } = 1;

    /// <summary>Writes refused in a row since the last one the watch showed done.</summary>
    public int ConsecutiveFailures { get; init; }

    public ScaleFailure? LastFailure { get; init; }

    /// <summary>The last generation whose spec failed validation and was reported.</summary>
    public long? RejectedGeneration { get; init; }

    /// <summary>The update that cannot proceed, if any (InPlaceOnly and a change that needs new pods).</summary>
    public UpdateBlock? BlockedUpdate { get; init; }

    /// <summary>The IP slots of its replicas (only while kruise-actors.io/retain-pod-ip is on).</summary>
    public IpSlotBook IpSlots { get; init; } = IpSlotBook.Empty;

    public IEnumerable<Intent> IntentsOf(IntentKind kind) => Intents.Values.Where(i => i.Kind == kind);

    public Intent? FindIntent(IntentKind kind, string name) => Intents.GetValueOrDefault(Intent.KeyOf(kind, name));

    public CloneSetState Evolve(CloneSetEvent e) => e switch
    {
        CloneSetObserved x => x.Uid == Uid ? this with { Namespace = x.Namespace, Name = x.Name } : new CloneSetState { Uid = x.Uid, Namespace = x.Namespace, Name = x.Name },
        PodCreateRequested x => With(new Intent(IntentKind.CreatePod, x.Name, x.IssuedAt, Revision: x.Revision, InstanceId: x.InstanceId)) with
        {
            NextIdSequence = Math.Max(NextIdSequence, x.NextIdSequence),
            SlowStartBatch = Math.Max(1, x.BatchSize * 2),
        },
        PodDeleteRequested x => With(new Intent(IntentKind.DeletePod, x.Name, x.IssuedAt, Uid: x.Uid, Reason: x.Reason)),
        PodInPlaceUpdateRequested x => With(new Intent(IntentKind.UpdatePodInPlace, x.Name, x.IssuedAt, Uid: x.Uid, Revision: x.Revision)),
        UpdateBlocked x => this with { BlockedUpdate = new UpdateBlock(x.Revision, x.Message, x.At) },
        UpdateUnblocked => this with { BlockedUpdate = null },
        PodPreDeleteRequested x => With(new Intent(IntentKind.PreparePodDelete, x.Name, x.IssuedAt, Uid: x.Uid, Reason: x.Reason)),
        PvcDeleteRequested x => With(new Intent(IntentKind.DeletePvc, x.Name, x.IssuedAt, Uid: x.Uid)),
        RevisionCreateRequested x => With(new Intent(IntentKind.CreateRevision, x.Name, x.IssuedAt, RevisionNumber: x.RevisionNumber)),
        RevisionDeleteRequested x => With(new Intent(IntentKind.DeleteRevision, x.Name, x.IssuedAt)),
        IntentSatisfied x => Satisfied(x.Kind, x.Name),
        IntentReissued x => FindIntent(x.Kind, x.Name) is { } intent
            ? With(intent with { IssuedAt = x.IssuedAt, Attempts = intent.Attempts + 1 })
            : this,
        IntentExpired x => Without(x.Kind, x.Name),
        IntentFailed x => Without(x.Kind, x.Name) with
        {
            ConsecutiveFailures = ConsecutiveFailures + 1,
            LastFailure = new ScaleFailure(x.Kind, x.Name, x.Message, x.At),
            SlowStartBatch = x.Kind == IntentKind.CreatePod ? 1 : SlowStartBatch,
        },
        RevisionCollisionDetected x => this with { CollisionCount = Math.Max(CollisionCount, x.CollisionCount) },
        SlowStartReset => this with { SlowStartBatch = 1 },
        SpecRejected x => this with { RejectedGeneration = x.Generation },
        IpSlotChanged x => this with { IpSlots = IpSlots.Apply(x.Fact) },
        IpSlotsCleared => this with { IpSlots = IpSlotBook.Empty },
        _ => throw new ArgumentException($"unknown CloneSet event {e.GetType().Name}", nameof(e)),
    };

    /// <summary>Folds events in order (recovery, tests).</summary>
    public CloneSetState EvolveAll(IEnumerable<CloneSetEvent> events) => events.Aggregate(this, (state, e) => state.Evolve(e));

    // A pod that appeared or went away, or a write of the kind that last failed going through,
    // shows the API accepts writes again: failures and backoff reset.
    private CloneSetState Satisfied(IntentKind kind, string name) =>
        kind is IntentKind.CreatePod or IntentKind.DeletePod || kind == LastFailure?.Kind
            ? Without(kind, name) with { ConsecutiveFailures = 0, LastFailure = null }
            : Without(kind, name);

    // Intents compare by content, so a state read back from a snapshot equals the one written.
    public bool Equals(CloneSetState? other) =>
        other is not null
        && Uid == other.Uid && Namespace == other.Namespace && Name == other.Name
        && NextIdSequence == other.NextIdSequence && CollisionCount == other.CollisionCount && SlowStartBatch == other.SlowStartBatch
        && ConsecutiveFailures == other.ConsecutiveFailures && LastFailure == other.LastFailure && RejectedGeneration == other.RejectedGeneration
        && BlockedUpdate == other.BlockedUpdate && IpSlots.Equals(other.IpSlots)
        && Intents.Count == other.Intents.Count && Intents.SequenceEqual(other.Intents);

    public override int GetHashCode() => HashCode.Combine(Uid, NextIdSequence, Intents.Count);

    private CloneSetState With(Intent intent) => this with { Intents = Intents.SetItem(intent.Key, intent) };

    private CloneSetState Without(IntentKind kind, string name) => this with { Intents = Intents.Remove(Intent.KeyOf(kind, name)) };
}
