using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>AdvancedCronJob: creates a Job or a BroadcastJob on a cron schedule.</summary>
[CustomResource(KruiseGroups.Apps, "AdvancedCronJob", "advancedcronjobs", ShortNames = ["acj"])]
[PrinterColumn(0, "Schedule", "string", ".spec.schedule", Description = "The schedule of advanced cron job.")]
[PrinterColumn(1, "Type", "string", ".status.type", Description = "Type of cron job.")]
[PrinterColumn(2, "LastScheduleTime", "date", ".status.lastScheduleTime", Description = "The last time at which job was scheduled.")]
[PrinterColumn(3, "AGE", "date", ".metadata.creationTimestamp")]
public sealed class AdvancedCronJob : KruiseObject<AdvancedCronJobSpec, AdvancedCronJobStatus>;

public sealed class AdvancedCronJobSpec
{
    [JsonPropertyName("schedule"), SchemaRequired, Description("When to run, in cron format: five fields, a descriptor such as @daily, or \"@every 1h\".")]
    public string? Schedule { get; set; }

    [JsonPropertyName("timeZone"), Description("IANA time zone the schedule is read in, such as Europe/Paris. Unset: the controller's zone.")]
    public string? TimeZone { get; set; }

    [JsonPropertyName("startingDeadlineSeconds"), Description("Seconds after a missed run time within which the run may still start; later runs count as missed.")]
    public long? StartingDeadlineSeconds { get; set; }

    [JsonPropertyName("concurrencyPolicy"), EnumValues(ConcurrencyPolicies.Allow, ConcurrencyPolicies.Forbid, ConcurrencyPolicies.Replace),
     Description("Allow (default) overlapping runs, Forbid a run while the last is active, or Replace the active run.")]
    public string? ConcurrencyPolicy { get; set; }

    [JsonPropertyName("paused"), Description("Stop starting new runs. Defaults to false.")]
    public bool? Paused { get; set; }

    [JsonPropertyName("successfulJobsHistoryLimit"), Description("Finished successful jobs to keep. Defaults to 3.")]
    public int? SuccessfulJobsHistoryLimit { get; set; }

    [JsonPropertyName("failedJobsHistoryLimit"), Description("Finished failed jobs to keep. Defaults to 1.")]
    public int? FailedJobsHistoryLimit { get; set; }

    [JsonPropertyName("template"), SchemaRequired, Description("The job each run creates: exactly one of jobTemplate or broadcastJobTemplate.")]
    public AdvancedCronJobTemplate? Template { get; set; }
}

public sealed class AdvancedCronJobTemplate
{
    [JsonPropertyName("jobTemplate"), PreserveUnknownFields, Description("A batch/v1 Job to create on each run.")]
    public V1JobTemplateSpec? JobTemplate { get; set; }

    [JsonPropertyName("broadcastJobTemplate"), Description("A BroadcastJob to create on each run.")]
    public BroadcastJobTemplateSpec? BroadcastJobTemplate { get; set; }
}

/// <summary>Metadata and spec of the BroadcastJobs a cron job creates.</summary>
public sealed class BroadcastJobTemplateSpec
{
    [JsonPropertyName("metadata"), Description("Labels and annotations for the created BroadcastJobs.")]
    public V1ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec"), Description("Spec of the created BroadcastJobs.")]
    public BroadcastJobSpec? Spec { get; set; }
}

public static class ConcurrencyPolicies
{
    public const string Allow = "Allow";
    public const string Forbid = "Forbid";
    public const string Replace = "Replace";
}

public sealed class AdvancedCronJobStatus
{
    [JsonPropertyName("type"), Description("Kind of job the template creates: Job or BroadcastJob.")]
    public string? Type { get; set; }

    [JsonPropertyName("active"), Description("References to the jobs running now.")]
    public IList<V1ObjectReference>? Active { get; set; }

    [JsonPropertyName("lastScheduleTime"), Description("When a job was last started on schedule.")]
    public DateTime? LastScheduleTime { get; set; }
}

/// <summary>Values of status.type.</summary>
public static class CronJobTemplateKinds
{
    public const string Job = "Job";
    public const string BroadcastJob = "BroadcastJob";
}
