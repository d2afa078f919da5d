using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>ImagePullJob: pre-pulls one image onto a set of nodes through their NodeImages.</summary>
[CustomResource(KruiseGroups.Apps, "ImagePullJob", "imagepulljobs")]
[PrinterColumn(0, "TOTAL", "integer", ".status.desired", Description = "Number of all nodes matched by this job")]
[PrinterColumn(1, "ACTIVE", "integer", ".status.active", Description = "Number of image pull task active")]
[PrinterColumn(2, "SUCCEED", "integer", ".status.succeeded", Description = "Number of image pull task succeeded")]
[PrinterColumn(3, "FAILED", "integer", ".status.failed", Description = "Number of image pull tasks failed")]
[PrinterColumn(4, "AGE", "date", ".metadata.creationTimestamp")]
[PrinterColumn(5, "MESSAGE", "string", ".status.message", Description = "Summary of status when job is failed")]
public sealed class ImagePullJob : KruiseObject<ImagePullJobSpec, ImagePullJobStatus>
{
    /// <summary>Finalizer OpenKruise's webhook adds when a job is created, so its NodeImage entries are cleaned up first.</summary>
    public const string ProtectionFinalizer = "apps.kruise.io/deletion-protection";

    /// <summary>Workload annotations that tune the ImagePullJobs created to pre-download a new revision's images.</summary>
    public const string PreDownloadParallelismAnnotation = "apps.kruise.io/image-predownload-parallelism";
    public const string PreDownloadTimeoutSecondsAnnotation = "apps.kruise.io/image-predownload-timeout-seconds";
    public const string PreDownloadMinUpdatedReadyPodsAnnotation = "apps.kruise.io/image-predownload-min-updated-ready-pods";
}

public sealed class ImagePullJobSpec
{
    [JsonPropertyName("image"), SchemaRequired, Description("The image to pull, e.g. nginx:1.25 or registry.example.com/team/app@sha256:....")]
    public string? Image { get; set; }

    [JsonPropertyName("pullSecrets"), Description("Names of secrets in the job's namespace holding registry credentials. Cannot be changed.")]
    public IList<string>? PullSecrets { get; set; }

    [JsonPropertyName("selector"), Description("Which nodes pull: by name or by node labels (not both). Unset means all nodes.")]
    public ImagePullJobNodeSelector? Selector { get; set; }

    [JsonPropertyName("podSelector"), Description("Pull on the nodes running pods with these labels. Cannot be combined with selector.")]
    public ImagePullJobPodSelector? PodSelector { get; set; }

    [JsonPropertyName("parallelism"), Description("How many nodes pull at the same time; a plain number, not a percentage. 0 pauses the job. Unset means 1.")]
    public IntOrString? Parallelism { get; set; }

    [JsonPropertyName("pullPolicy"), Description("Timeout and retries of each node's pull.")]
    public PullPolicy? PullPolicy { get; set; }

    [JsonPropertyName("completionPolicy"), SchemaRequired, Description("Whether the job finishes once the matched nodes are done (Always) or keeps serving new nodes (Never).")]
    public CompletionPolicy? CompletionPolicy { get; set; }

    [JsonPropertyName("sandboxConfig"), Description("Sandbox labels and annotations passed to the runtime with the pull.")]
    public SandboxConfig? SandboxConfig { get; set; }

    [JsonPropertyName("imagePullPolicy"), EnumValues(ImagePullPolicies.Always, ImagePullPolicies.IfNotPresent),
     Description("Always pulls even when the node has the image; IfNotPresent (default) skips nodes that have it.")]
    public string? ImagePullPolicy { get; set; }
}

/// <summary>Nodes by name or by label selector; the two are mutually exclusive.</summary>
public sealed class ImagePullJobNodeSelector
{
    [JsonPropertyName("names"), Description("Names of the nodes to pull on.")]
    public IList<string>? Names { get; set; }

    [JsonPropertyName("matchLabels"), Description("Node labels that must all be present with these values.")]
    public IDictionary<string, string>? MatchLabels { get; set; }

    [JsonPropertyName("matchExpressions"), Description("Node label requirements that must all hold.")]
    public IList<V1LabelSelectorRequirement>? MatchExpressions { get; set; }

    /// <summary>The label part as a Kubernetes selector (null when neither field is set).</summary>
    public V1LabelSelector? LabelSelector() =>
        MatchLabels is null && MatchExpressions is null ? null : new V1LabelSelector { MatchExpressions = MatchExpressions, MatchLabels = MatchLabels };
}

/// <summary>A label selector over pods; their nodes pull the image.</summary>
public sealed class ImagePullJobPodSelector
{
    [JsonPropertyName("matchLabels"), Description("Pod labels that must all be present with these values.")]
    public IDictionary<string, string>? MatchLabels { get; set; }

    [JsonPropertyName("matchExpressions"), Description("Pod label requirements that must all hold.")]
    public IList<V1LabelSelectorRequirement>? MatchExpressions { get; set; }

    public V1LabelSelector LabelSelector() => new() { MatchExpressions = MatchExpressions, MatchLabels = MatchLabels };
}

/// <summary>Limits of one node's pull.</summary>
public sealed class PullPolicy
{
    [JsonPropertyName("timeoutSeconds"), Description("Seconds one pull attempt may take. Defaults to 600.")]
    public int? TimeoutSeconds { get; set; }

    [JsonPropertyName("backoffLimit"), Description("Retries before the node's pull is marked failed. Defaults to 3.")]
    public int? BackoffLimit { get; set; }
}

public sealed class ImagePullJobStatus
{
    [JsonPropertyName("startTime"), Description("When the controller first acted on the job.")]
    public DateTime? StartTime { get; set; }

    [JsonPropertyName("completionTime"), Description("When the job finished.")]
    public DateTime? CompletionTime { get; set; }

    [JsonPropertyName("desired"), SchemaRequired, Description("Nodes that should pull the image: the nodes matched.")]
    public int Desired { get; set; }

    [JsonPropertyName("active"), Description("Nodes pulling right now.")]
    public int? Active { get; set; }

    [JsonPropertyName("succeeded"), Description("Nodes that pulled the image.")]
    public int? Succeeded { get; set; }

    [JsonPropertyName("failed"), Description("Nodes whose pull failed.")]
    public int? Failed { get; set; }

    [JsonPropertyName("message"), Description("A short human-readable summary of the job's progress or failure.")]
    public string? Message { get; set; }

    [JsonPropertyName("failedNodes"), Description("Names of the nodes whose pull failed.")]
    public IList<string>? FailedNodes { get; set; }
}
