using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>BroadcastJob: runs one pod to completion on every eligible node, like a DaemonSet of Jobs.</summary>
[CustomResource(KruiseGroups.Apps, "BroadcastJob", "broadcastjobs", ShortNames = ["bcj"])]
[PrinterColumn(0, "Desired", "integer", ".status.desired", Description = "The desired number of pods. This is typically equal to the number of nodes satisfied to run pods.")]
[PrinterColumn(1, "Active", "integer", ".status.active", Description = "The number of actively running pods.")]
[PrinterColumn(2, "Succeeded", "integer", ".status.succeeded", Description = "The number of pods which reached phase Succeeded.")]
[PrinterColumn(3, "Failed", "integer", ".status.failed", Description = "The number of pods which reached phase Failed.")]
[PrinterColumn(4, "AGE", "date", ".metadata.creationTimestamp")]
public sealed class BroadcastJob : KruiseObject<BroadcastJobSpec, BroadcastJobStatus>
{
    /// <summary>Pod label naming the owning job; users may not preset it.</summary>
    public const string JobNameLabel = "broadcastjob-name";

    /// <summary>Pod label carrying the owning job's UID; users may not preset it.</summary>
    public const string ControllerUidLabel = "broadcastjob-controller-uid";
}

public sealed class BroadcastJobSpec
{
    [JsonPropertyName("parallelism"), Description("Most pods running at once (int or percent of desired). Defaults to no limit.")]
    public IntOrString? Parallelism { get; set; }

    [JsonPropertyName("template"), SchemaRequired, PreserveUnknownFields, Description("The pod run on each node; restartPolicy must be Never or OnFailure.")]
    public V1PodTemplateSpec? Template { get; set; }

    [JsonPropertyName("completionPolicy"), Description("When the job counts as finished. Defaults to type Always.")]
    public CompletionPolicy? CompletionPolicy { get; set; }

    [JsonPropertyName("paused"), Description("Stop creating new pods; running pods are left alone.")]
    public bool? Paused { get; set; }

    [JsonPropertyName("failurePolicy"), Description("What a failed pod does to the job. Defaults to type FailFast.")]
    public FailurePolicy? FailurePolicy { get; set; }
}

/// <summary>What the job does when one of its pods fails.</summary>
public sealed class FailurePolicy
{
    [JsonPropertyName("type"), Description("FailFast (default) fails the job, Continue keeps going, Pause pauses the job.")]
    public string? Type { get; set; }

    [JsonPropertyName("restartLimit"), Description("Container restarts, summed over all pods, tolerated before the job fails.")]
    public int? RestartLimit { get; set; }
}

public static class FailurePolicyTypes
{
    public const string FailFast = "FailFast";
    public const string Continue = "Continue";
    public const string Pause = "Pause";
}

public sealed class BroadcastJobStatus
{
    [JsonPropertyName("conditions"), Description("Complete or Failed once the job has finished.")]
    public IList<JobCondition>? Conditions { get; set; }

    [JsonPropertyName("startTime"), Description("When the controller first acted on the job.")]
    public DateTime? StartTime { get; set; }

    [JsonPropertyName("completionTime"), Description("When the job finished.")]
    public DateTime? CompletionTime { get; set; }

    [JsonPropertyName("active"), Description("Pods running now.")]
    public int? Active { get; set; }

    [JsonPropertyName("succeeded"), Description("Pods that ended in phase Succeeded.")]
    public int? Succeeded { get; set; }

    [JsonPropertyName("failed"), Description("Pods that ended in phase Failed.")]
    public int? Failed { get; set; }

    [JsonPropertyName("desired"), Description("Pods wanted: usually the number of nodes the pod fits on.")]
    public int? Desired { get; set; }

    [JsonPropertyName("phase"), Description("running, paused, completed or failed.")]
    public string? Phase { get; set; }
}

/// <summary>Values of status.phase (lower case, as OpenKruise writes them).</summary>
public static class BroadcastJobPhases
{
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>A job's condition: Complete or Failed.</summary>
public sealed class JobCondition
{
    [JsonPropertyName("type"), SchemaRequired, Description("Complete or Failed.")]
    public string Type { get; set; } = "";

    [JsonPropertyName("status"), SchemaRequired, Description("True, False or Unknown.")]
    public string Status { get; set; } = "";

    [JsonPropertyName("lastProbeTime"), Description("When the condition was last checked.")]
    public DateTime? LastProbeTime { get; set; }

    [JsonPropertyName("lastTransitionTime"), Description("When the status last changed.")]
    public DateTime? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("One word saying why the status last changed.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("Details of the last change for people.")]
    public string? Message { get; set; }
}

public static class JobConditionTypes
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";
}
