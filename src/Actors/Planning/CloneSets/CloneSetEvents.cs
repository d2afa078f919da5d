using Kruise.Actors.Planning.IpSlots;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>
/// A fact the CloneSet entity persists. Each type has a short, stable manifest (never its CLR
/// name), registered in <see cref="CloneSetEvents.Manifests"/>; renaming a class must not change it.
/// </summary>
public abstract record CloneSetEvent;

/// <summary>The entity started tracking this CloneSet incarnation (uid); a new uid starts from a clean state.</summary>
public sealed record CloneSetObserved(string Uid, string Namespace, string Name) : CloneSetEvent
{
    public const string Manifest = "cs.observed";
}

/// <summary>Decided to create pod <paramref name="Name"/> at <paramref name="Revision"/>; <paramref name="NextIdSequence"/> is the id sequence after it.</summary>
public sealed record PodCreateRequested(string Name, string InstanceId, string Revision, DateTimeOffset IssuedAt, long NextIdSequence, int BatchSize) : CloneSetEvent
{
    public const string Manifest = "cs.pod-create";
}

/// <summary>Decided to delete pod <paramref name="Name"/> (incarnation <paramref name="Uid"/>) and its PVCs.</summary>
public sealed record PodDeleteRequested(string Name, string Uid, string Reason, DateTimeOffset IssuedAt) : CloneSetEvent
{
    public const string Manifest = "cs.pod-delete";
}

/// <summary>
/// Decided to delete pod <paramref name="Name"/>, but its preDelete hook holds it: it is labelled
/// PreparingDelete first and deleted once the hook releases it.
/// </summary>
public sealed record PodPreDeleteRequested(string Name, string Uid, string Reason, DateTimeOffset IssuedAt) : CloneSetEvent
{
    public const string Manifest = "cs.pod-pre-delete";
}

/// <summary>Decided to delete a PVC no pod uses (scaleStrategy.disablePVCReuse).</summary>
public sealed record PvcDeleteRequested(string Name, string Uid, DateTimeOffset IssuedAt) : CloneSetEvent
{
    public const string Manifest = "cs.pvc-delete";
}

/// <summary>Decided to create (or renumber, on rollback) the ControllerRevision <paramref name="Name"/>.</summary>
public sealed record RevisionCreateRequested(string Name, long RevisionNumber, DateTimeOffset IssuedAt) : CloneSetEvent
{
    public const string Manifest = "cs.revision-create";
}

/// <summary>Decided to delete an old ControllerRevision beyond revisionHistoryLimit.</summary>
public sealed record RevisionDeleteRequested(string Name, DateTimeOffset IssuedAt) : CloneSetEvent
{
    public const string Manifest = "cs.revision-delete";
}

/// <summary>Decided to update pod <paramref name="Name"/> (incarnation <paramref name="Uid"/>) in place to <paramref name="Revision"/>; the pod entity is asked to.</summary>
public sealed record PodInPlaceUpdateRequested(string Name, string Uid, string Revision, DateTimeOffset IssuedAt) : CloneSetEvent
{
    public const string Manifest = "cs.pod-update-inplace";
}

/// <summary>Pods wait for <paramref name="Revision"/> but cannot reach it (InPlaceOnly and a change that needs a new pod); reported once per revision.</summary>
public sealed record UpdateBlocked(string Revision, string Message, DateTimeOffset At) : CloneSetEvent
{
    public const string Manifest = "cs.update-blocked";
}

/// <summary>The update revision changed or no pod waits any more: the block is over.</summary>
public sealed record UpdateUnblocked : CloneSetEvent
{
    public const string Manifest = "cs.update-unblocked";
}

/// <summary>The watch shows the intent done.</summary>
public sealed record IntentSatisfied(IntentKind Kind, string Name) : CloneSetEvent
{
    public const string Manifest = "cs.intent-satisfied";
}

/// <summary>The intent timed out (or the entity recovered) and its command was sent again.</summary>
public sealed record IntentReissued(IntentKind Kind, string Name, DateTimeOffset IssuedAt) : CloneSetEvent
{
    public const string Manifest = "cs.intent-reissued";
}

/// <summary>The intent was re-sent too often without the watch showing it; given up so the planner can choose again.</summary>
public sealed record IntentExpired(IntentKind Kind, string Name) : CloneSetEvent
{
    public const string Manifest = "cs.intent-expired";
}

/// <summary>The API refused the write (or it failed after retries); the intent is dropped.</summary>
public sealed record IntentFailed(IntentKind Kind, string Name, string Message, DateTimeOffset At) : CloneSetEvent
{
    public const string Manifest = "cs.intent-failed";
}

/// <summary>A ControllerRevision name was taken by other data; hashing continues with this count.</summary>
public sealed record RevisionCollisionDetected(int CollisionCount) : CloneSetEvent
{
    public const string Manifest = "cs.revision-collision";
}

/// <summary>A scale-up finished; the next one starts again with a batch of one.</summary>
public sealed record SlowStartReset : CloneSetEvent
{
    public const string Manifest = "cs.slow-start-reset";
}

/// <summary>The spec of this generation failed validation (reported once per generation).</summary>
public sealed record SpecRejected(long Generation, string Message) : CloneSetEvent
{
    public const string Manifest = "cs.spec-rejected";
}

/// <summary>An IP slot changed (kruise-actors.io/retain-pod-ip): see <see cref="IpSlotFact"/>.</summary>
public sealed record IpSlotChanged(IpSlotFact Fact) : CloneSetEvent
{
    public const string Manifest = "cs.ip-slot";
}

/// <summary>kruise-actors.io/retain-pod-ip was turned off: every slot is forgotten.</summary>
public sealed record IpSlotsCleared : CloneSetEvent
{
    public const string Manifest = "cs.ip-slots-cleared";
}

/// <summary>The manifest registry the journal serializer uses: one short name per event type.</summary>
public static class CloneSetEvents
{
    public static IReadOnlyDictionary<string, Type> Manifests { get; } = new Dictionary<string, Type>
    {
        [CloneSetObserved.Manifest] = typeof(CloneSetObserved),
        [PodCreateRequested.Manifest] = typeof(PodCreateRequested),
        [PodDeleteRequested.Manifest] = typeof(PodDeleteRequested),
        [PodPreDeleteRequested.Manifest] = typeof(PodPreDeleteRequested),
        [PvcDeleteRequested.Manifest] = typeof(PvcDeleteRequested),
        [RevisionCreateRequested.Manifest] = typeof(RevisionCreateRequested),
        [RevisionDeleteRequested.Manifest] = typeof(RevisionDeleteRequested),
        [PodInPlaceUpdateRequested.Manifest] = typeof(PodInPlaceUpdateRequested),
        [UpdateBlocked.Manifest] = typeof(UpdateBlocked),
        [UpdateUnblocked.Manifest] = typeof(UpdateUnblocked),
        [IntentSatisfied.Manifest] = typeof(IntentSatisfied),
        [IntentReissued.Manifest] = typeof(IntentReissued),
        [IntentExpired.Manifest] = typeof(IntentExpired),
        [IntentFailed.Manifest] = typeof(IntentFailed),
        [RevisionCollisionDetected.Manifest] = typeof(RevisionCollisionDetected),
        [SlowStartReset.Manifest] = typeof(SlowStartReset),
        [SpecRejected.Manifest] = typeof(SpecRejected),
        [IpSlotChanged.Manifest] = typeof(IpSlotChanged),
        [IpSlotsCleared.Manifest] = typeof(IpSlotsCleared),
    };

    private static readonly Dictionary<Type, string> ByType = Manifests.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>The manifest of an event type; throws for a type that is not registered.</summary>
    public static string ManifestOf(Type type) =>
        ByType.TryGetValue(type, out var manifest) ? manifest : throw new ArgumentException($"{type.Name} is not a registered CloneSet event", nameof(type));

    /// <summary>A one-line summary for event-log inspection (`kruise-actors events show`).</summary>
    public static string Describe(CloneSetEvent e) => e switch
    {
        CloneSetObserved x => $"tracking CloneSet {x.Namespace}/{x.Name} uid {x.Uid}",
        PodCreateRequested x => $"create pod {x.Name} at {x.Revision} (batch of {x.BatchSize})",
        PodDeleteRequested x => $"delete pod {x.Name} ({x.Reason})",
        PodPreDeleteRequested x => $"mark pod {x.Name} PreparingDelete for its preDelete hook ({x.Reason})",
        PvcDeleteRequested x => $"delete unused PVC {x.Name}",
        RevisionCreateRequested x => $"create revision {x.Name} (number {x.RevisionNumber})",
        RevisionDeleteRequested x => $"delete old revision {x.Name}",
        PodInPlaceUpdateRequested x => $"update pod {x.Name} in place to {x.Revision}",
        UpdateBlocked x => $"update to {x.Revision} blocked: {x.Message}",
        UpdateUnblocked => "update no longer blocked",
        IntentSatisfied x => $"{x.Kind} {x.Name} observed done",
        IntentReissued x => $"{x.Kind} {x.Name} sent again",
        IntentExpired x => $"{x.Kind} {x.Name} given up",
        IntentFailed x => $"{x.Kind} {x.Name} failed: {x.Message}",
        RevisionCollisionDetected x => $"revision name collision, collisionCount {x.CollisionCount}",
        SlowStartReset => "scale-up done; next starts with a batch of 1",
        SpecRejected x => $"generation {x.Generation} rejected: {x.Message}",
        IpSlotChanged x => x.Fact.Describe(),
        IpSlotsCleared => "retain-pod-ip turned off: IP slots forgotten",
        _ => e.GetType().Name,
    };
}
