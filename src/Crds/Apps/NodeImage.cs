using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>NodeImage: one per node (same name), listing the images its daemon should pull and how each pull went.</summary>
[CustomResource(KruiseGroups.Apps, "NodeImage", "nodeimages", Namespaced = false)]
[PrinterColumn(0, "DESIRED", "integer", ".status.desired", Description = "Number of all images on this node")]
[PrinterColumn(1, "PULLING", "integer", ".status.pulling", Description = "Number of image pull task active")]
[PrinterColumn(2, "SUCCEED", "integer", ".status.succeeded", Description = "Number of image pull task succeeded")]
[PrinterColumn(3, "FAILED", "integer", ".status.failed", Description = "Number of image pull tasks failed")]
[PrinterColumn(4, "AGE", "date", ".metadata.creationTimestamp")]
public sealed class NodeImage : KruiseObject<NodeImageSpec, NodeImageStatus>
{
    /// <summary>OpenKruise's webhook rejects a NodeImage listing more images than this.</summary>
    public const int MaxImages = 256;
}

public sealed class NodeImageSpec
{
    [JsonPropertyName("images"), Description("Images to pull on this node, keyed by image name without tag (at most 256).")]
    public IDictionary<string, ImageSpec>? Images { get; set; }
}

/// <summary>The tags of one image to pull, with the credentials to pull them.</summary>
public sealed class ImageSpec
{
    [JsonPropertyName("pullSecrets"), Description("Secrets (namespace and name) holding registry credentials for this image.")]
    public IList<ReferenceObject>? PullSecrets { get; set; }

    [JsonPropertyName("tags"), SchemaRequired, Description("The tags to pull; kept sorted by tag.")]
    public IList<ImageTagSpec>? Tags { get; set; }

    [JsonPropertyName("sandboxConfig"), Description("Sandbox labels and annotations passed to the runtime with the pull.")]
    public SandboxConfig? SandboxConfig { get; set; }
}

/// <summary>An object named by namespace and name ("namespace/name").</summary>
public sealed class ReferenceObject
{
    [JsonPropertyName("namespace"), Description("Namespace of the object.")]
    public string? Namespace { get; set; }

    [JsonPropertyName("name"), Description("Name of the object.")]
    public string? Name { get; set; }
}

/// <summary>One tag of an image to pull and who asked for it.</summary>
public sealed class ImageTagSpec
{
    [JsonPropertyName("tag"), SchemaRequired, Description("The tag (or digest) to pull.")]
    public string? Tag { get; set; }

    [JsonPropertyName("createdAt"), Description("When this tag was added to the node's list.")]
    public DateTime? CreatedAt { get; set; }

    [JsonPropertyName("pullPolicy"), Description("Timeout, retries, deadline and cleanup of this tag's pull.")]
    public ImageTagPullPolicy? PullPolicy { get; set; }

    [JsonPropertyName("ownerReferences"), Description("The objects (usually ImagePullJobs) that asked for this tag; the tag goes when they all do.")]
    public IList<V1ObjectReference>? OwnerReferences { get; set; }

    [JsonPropertyName("version"), Description("Opaque counter bumped when the request for this tag changes, so the daemon can tell a retry from an old result.")]
    public long? Version { get; set; }

    [JsonPropertyName("imagePullPolicy"), EnumValues(ImagePullPolicies.Always, ImagePullPolicies.IfNotPresent),
     Description("Always pulls even when the node has the image; IfNotPresent (default) does not.")]
    public string? ImagePullPolicy { get; set; }
}

/// <summary>Limits and lifetime of one tag's pull on the node.</summary>
public sealed class ImageTagPullPolicy
{
    [JsonPropertyName("timeoutSeconds"), Description("Seconds one pull attempt may take. Defaults to 600.")]
    public int? TimeoutSeconds { get; set; }

    [JsonPropertyName("backoffLimit"), Description("Retries before the pull is marked failed. Defaults to 3.")]
    public int? BackoffLimit { get; set; }

    [JsonPropertyName("ttlSecondsAfterFinished"), Description("Seconds after the pull finishes at which the tag is removed from the list; 0 removes it at once.")]
    public int? TtlSecondsAfterFinished { get; set; }

    [JsonPropertyName("activeDeadlineSeconds"), Description("Seconds after the pull starts at which it is stopped; unset means no deadline.")]
    public long? ActiveDeadlineSeconds { get; set; }
}

public sealed class NodeImageStatus
{
    [JsonPropertyName("desired"), SchemaRequired, Description("Pulls wanted: the tags listed in spec.")]
    public int Desired { get; set; }

    [JsonPropertyName("succeeded"), Description("Pulls that succeeded.")]
    public int? Succeeded { get; set; }

    [JsonPropertyName("failed"), Description("Pulls that failed.")]
    public int? Failed { get; set; }

    [JsonPropertyName("pulling"), Description("Pulls in progress.")]
    public int? Pulling { get; set; }

    [JsonPropertyName("waiting"), Description("Pulls not started yet.")]
    public int? Waiting { get; set; }

    [JsonPropertyName("imageStatuses"), Description("Per image name, the state of each tag's pull.")]
    public IDictionary<string, ImageStatus>? ImageStatuses { get; set; }

    [JsonPropertyName("firstSyncStatus"), Description("When and how the node first finished all its pulls (e.g. to tell a new node is ready for work).")]
    public SyncStatus? FirstSyncStatus { get; set; }
}

public sealed class ImageStatus
{
    [JsonPropertyName("tags"), SchemaRequired, Description("The state of each tag's pull, sorted by tag.")]
    public IList<ImageTagStatus>? Tags { get; set; }
}

public sealed class ImageTagStatus
{
    [JsonPropertyName("tag"), SchemaRequired, Description("The tag.")]
    public string? Tag { get; set; }

    [JsonPropertyName("phase"), SchemaRequired,
     EnumValues(ImagePullPhases.Waiting, ImagePullPhases.Pulling, ImagePullPhases.Succeeded, ImagePullPhases.Failed),
     Description("Waiting, Pulling, Succeeded or Failed.")]
    public string? Phase { get; set; }

    [JsonPropertyName("progress"), Minimum(0), Maximum(100), Description("Percent pulled, 0-100; may go back when a pull is retried.")]
    public int? Progress { get; set; }

    [JsonPropertyName("startTime"), Description("When the daemon started the pull.")]
    public DateTime? StartTime { get; set; }

    [JsonPropertyName("completionTime"), Description("When the pull finished.")]
    public DateTime? CompletionTime { get; set; }

    [JsonPropertyName("version"), Description("The spec version of the tag this result is for.")]
    public long? Version { get; set; }

    [JsonPropertyName("imageID"), Description("The ID of the pulled image.")]
    // Spelled so KubernetesYaml (camel-cased property names) reads "imageID" too.
    public string? ImageID { get; set; }

    [JsonPropertyName("message"), Description("Details of the pull, such as the error of a failed one.")]
    public string? Message { get; set; }
}

/// <summary>The outcome of the node's first complete round of pulls.</summary>
public sealed class SyncStatus
{
    [JsonPropertyName("syncAt"), Description("When the round finished.")]
    public DateTime? SyncAt { get; set; }

    [JsonPropertyName("status"), EnumValues(ImagePullPhases.Succeeded, ImagePullPhases.Failed), Description("Succeeded, or Failed when some pull failed.")]
    public string? Status { get; set; }

    [JsonPropertyName("message"), Description("Details, such as which pulls failed.")]
    public string? Message { get; set; }
}

/// <summary>Phases of one tag's pull on a node.</summary>
public static class ImagePullPhases
{
    public const string Waiting = "Waiting";
    public const string Pulling = "Pulling";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}
