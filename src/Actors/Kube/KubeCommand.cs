using k8s;

namespace Kruise.Actors.Kube;

/// <summary>
/// One API write an entity asks the command gateway to make. Commands are produced by pure
/// planners and are not persisted themselves: the intent behind a command is (as an event), so a
/// recovered entity re-issues the command from its intent. <see cref="Id"/> correlates the
/// gateway's <see cref="CommandOutcome"/> with the intent (e.g. the pod name of a create intent).
/// </summary>
public abstract record KubeCommand(string Id, ObjectRef Target)
{
    /// <summary>
    /// When set, the entity sends this write only if no write with the same pacing key went out
    /// within <see cref="CommandPacing.Interval"/>; otherwise it holds it back and decides again
    /// once the interval has passed (the newer decision's write replaces the held one).
    /// </summary>
    public CommandPacing? Pacing { get; init; }
}

/// <summary>
/// Writes that share <paramref name="Key"/> go out at most once per <paramref name="Interval"/>
/// (e.g. a large CloneSet's progress counts). A zero interval sends at once and restarts the interval.
/// </summary>
public sealed record CommandPacing(string Key, TimeSpan Interval);

/// <summary>Create the body; AlreadyExists means a previous attempt (or incarnation) already did.</summary>
public sealed record CreateObject(string Id, ObjectRef Target, IKubernetesObject Body) : KubeCommand(Id, Target);

/// <summary>Delete, only if the object is still the incarnation with that uid (when given).</summary>
public sealed record DeleteObject(string Id, ObjectRef Target, string? Uid) : KubeCommand(Id, Target);

public enum PatchKind
{
    Merge,
    StrategicMerge,
    Json,
}

/// <summary>Patch the object (or a subresource of it, e.g. "status").</summary>
public sealed record PatchObject(string Id, ObjectRef Target, PatchKind Kind, string Patch, string? Subresource = null) : KubeCommand(Id, Target);

/// <summary>Replace the status subresource with the body's status (optimistic: its resourceVersion is sent).</summary>
public sealed record ReplaceStatus(string Id, ObjectRef Target, IKubernetesObject Body) : KubeCommand(Id, Target);

/// <summary>A Kubernetes Event about <see cref="KubeCommand.Target"/> (the involved object), as `kubectl describe` shows it.</summary>
public sealed record RecordEvent(string Id, ObjectRef Target, string TargetUid, string Type, string Reason, string Message) : KubeCommand(Id, Target)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
