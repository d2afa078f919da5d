namespace Kruise.Actors.Kube;

public enum CommandStatus
{
    /// <summary>The write was made.</summary>
    Done,

    /// <summary>A create found the object already there: for an idempotent create, done too.</summary>
    AlreadyExists,

    /// <summary>The object (or, for a create, its namespace) is gone.</summary>
    NotFound,

    /// <summary>Stale resourceVersion or uid precondition: observe again, never overwrite.</summary>
    Conflict,

    /// <summary>The API refused the content (422 Invalid, 400, 403 by admission): retrying the same write will not help.</summary>
    Rejected,

    /// <summary>Gave up after retries on 429/5xx/transport errors; the intent stays and is retried later.</summary>
    Failed,
}

/// <summary>
/// What became of a <see cref="KubeCommand"/>; sent back to the entity that asked.
/// <paramref name="ResourceVersion"/>: the object's resourceVersion after a write that was done
/// (when the answer carried the object), so the entity can tell a watch event older than its own write.
/// </summary>
public sealed record CommandOutcome(string Id, ObjectRef Target, CommandStatus Status, string? Message = null, string? ResourceVersion = null)
{
    public bool Succeeded => Status is CommandStatus.Done or CommandStatus.AlreadyExists;
}
