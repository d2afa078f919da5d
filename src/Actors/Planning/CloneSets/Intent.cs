using System.Text.Json.Serialization;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>The API write an intent stands for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IntentKind>))]
public enum IntentKind
{
    CreatePod,
    DeletePod,
    DeletePvc,
    CreateRevision,
    DeleteRevision,
    UpdatePodInPlace,
}

/// <summary>
/// A write the entity decided on and persisted before sending: the durable form of OpenKruise's
/// expectations. It stays until the watch shows it done, and is re-sent (same name, so the API
/// answers AlreadyExists/NotFound instead of doing it twice) each time it times out.
/// </summary>
/// <param name="Kind">The write.</param>
/// <param name="Name">The object's name (pod, PVC or ControllerRevision).</param>
/// <param name="IssuedAt">When the command was last sent.</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="Uid">For deletes and in-place updates: the incarnation it applies to.</param>
/// <param name="Revision">For pod creates: the revision (name) the pod is built from; for in-place updates: the target revision.</param>
/// <param name="InstanceId">For pod creates: the instance id naming the pod and its PVCs.</param>
/// <param name="Reason">For pod deletes: why (see <see cref="DeleteReasons"/>).</param>
/// <param name="RevisionNumber">For revision creates: the revision number it must carry.</param>
public sealed record Intent(
    IntentKind Kind,
    string Name,
    DateTimeOffset IssuedAt,
    int Attempts = 1,
    string? Uid = null,
    string? Revision = null,
    string? InstanceId = null,
    string? Reason = null,
    long? RevisionNumber = null)
{
    public string Key => KeyOf(Kind, Name);

    public static string KeyOf(IntentKind kind, string name) => $"{kind}/{name}";
}

/// <summary>Why a pod is deleted; recorded in the intent and shown by event-log inspection.</summary>
public static class DeleteReasons
{
    public const string ScaleDown = "ScaleDown";
    public const string SpecifiedDelete = "SpecifiedDelete";

    /// <summary>Recreated at the update revision (ReCreate, or InPlaceIfPossible when the change cannot be made in place).</summary>
    public const string Update = "Update";
}
