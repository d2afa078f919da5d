using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Kruise.Actors.Crds.Apps.Pub;

/// <summary>Hooks that hold a pod in a lifecycle state until a user's handler clears them.</summary>
public sealed class Lifecycle
{
    [JsonPropertyName("preDelete"), Description("The hook run before a pod is deleted.")]
    public LifecycleHook? PreDelete { get; set; }

    [JsonPropertyName("inPlaceUpdate"), Description("The hook run before a pod is updated in place.")]
    public LifecycleHook? InPlaceUpdate { get; set; }

    [JsonPropertyName("preNormal"), Description("The hook run before a new pod becomes Normal.")]
    public LifecycleHook? PreNormal { get; set; }
}

public sealed class LifecycleHook
{
    [JsonPropertyName("labelsHandler"), Description("Labels whose presence on the pod holds it in the hook.")]
    public IDictionary<string, string>? LabelsHandler { get; set; }

    [JsonPropertyName("finalizersHandler"), Description("Finalizers whose presence on the pod holds it in the hook.")]
    public IList<string>? FinalizersHandler { get; set; }

    [JsonPropertyName("markPodNotReady"), Description("Set the pod's KruisePodReady condition False while it is in the hook.")]
    public bool? MarkPodNotReady { get; set; }
}

/// <summary>Values of the label `lifecycle.apps.kruise.io/state`.</summary>
public static class LifecycleStates
{
    public const string Label = "lifecycle.apps.kruise.io/state";
    /// <summary>Annotation with when the state last changed (RFC 3339), as OpenKruise writes it.</summary>
    public const string TimestampAnnotation = "lifecycle.apps.kruise.io/timestamp";
    public const string PreparingNormal = "PreparingNormal";
    public const string Normal = "Normal";
    public const string PreparingUpdate = "PreparingUpdate";
    public const string Updating = "Updating";
    public const string Updated = "Updated";
    public const string PreparingDelete = "PreparingDelete";
}

/// <summary>
/// The readiness gate (and pod condition) several Kruise writers share: it is True only while no
/// writer holds it False; each writer lists itself in the condition's message.
/// </summary>
public static class PodReadinessKeys
{
    public const string KruisePodReady = "KruisePodReady";
}
