namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>
/// How one field patches: its strategy and merge key, whether kubectl sends $retainKeys for it
/// (informational: the server honours a $retainKeys directive wherever it appears), and the
/// schema of its value, or of each element for a list.
/// </summary>
public sealed record StrategicMergeField(
    PatchStrategy Strategy = PatchStrategy.None,
    string? MergeKey = null,
    bool RetainKeys = false,
    StrategicMergeSchema? Schema = null);
