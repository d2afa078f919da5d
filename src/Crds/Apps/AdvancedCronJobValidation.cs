using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>What the admission webhook rejects in an AdvancedCronJob, each error naming its field.</summary>
public static class AdvancedCronJobValidation
{
    private static readonly string[] Policies = [ConcurrencyPolicies.Allow, ConcurrencyPolicies.Forbid, ConcurrencyPolicies.Replace];

    public static IReadOnlyList<FieldError> Validate(AdvancedCronJob cronJob)
    {
        var errors = new List<FieldError>();
        BroadcastJobValidation.JobName(cronJob.Metadata, errors);
        var spec = cronJob.Spec;
        ValidateSchedule(spec, errors);
        ValidateTimeZone(spec.TimeZone, errors);
        CommonValidation.OneOf("spec.concurrencyPolicy", spec.ConcurrencyPolicy, Policies, errors);
        CommonValidation.NonNegative("spec.startingDeadlineSeconds", spec.StartingDeadlineSeconds, errors);
        CommonValidation.NonNegative("spec.successfulJobsHistoryLimit", spec.SuccessfulJobsHistoryLimit, errors);
        CommonValidation.NonNegative("spec.failedJobsHistoryLimit", spec.FailedJobsHistoryLimit, errors);
        ValidateTemplate(spec.Template, errors);
        return errors;
    }

    /// <summary>Everything but the template may change: schedule, time zone, policies, limits and paused.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(AdvancedCronJob oldCronJob, AdvancedCronJob newCronJob)
    {
        var errors = Validate(newCronJob).ToList();
        CommonValidation.Immutable("spec.template", oldCronJob.Spec.Template, newCronJob.Spec.Template, errors);
        return errors;
    }

    private static void ValidateSchedule(AdvancedCronJobSpec spec, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(spec.Schedule))
        {
            errors.Add(new("spec.schedule", "is required"));
            return;
        }
        if (!CronSchedule.TryParse(spec.Schedule, out _))
            errors.Add(new("spec.schedule", $"invalid cron expression \"{spec.Schedule}\""));
        if (spec.TimeZone is not null && CronSchedule.HasTimeZonePrefix(spec.Schedule))
            errors.Add(new("spec.schedule", "may not start with TZ= or CRON_TZ= when spec.timeZone is set"));
    }

    private static void ValidateTimeZone(string? timeZone, List<FieldError> errors)
    {
        if (timeZone is null)
            return;
        if (timeZone.Length == 0)
            errors.Add(new("spec.timeZone", "must be unset or name a time zone"));
        else if (timeZone.Equals("Local", StringComparison.OrdinalIgnoreCase))
            errors.Add(new("spec.timeZone", "must name an IANA time zone, not Local"));
        else if (!CronSchedule.TryFindTimeZone(timeZone, out _))
            errors.Add(new("spec.timeZone", $"unknown time zone \"{timeZone}\""));
    }

    private static void ValidateTemplate(AdvancedCronJobTemplate? template, List<FieldError> errors)
    {
        const string at = "spec.template";
        var job = template?.JobTemplate;
        var broadcast = template?.BroadcastJobTemplate;
        if (job is null && broadcast is null)
            errors.Add(new(at, "must set one of jobTemplate or broadcastJobTemplate"));
        else if (job is not null && broadcast is not null)
            errors.Add(new(at, "must set only one of jobTemplate or broadcastJobTemplate"));
        if (job is not null)
        {
            if (job.Spec is null)
                errors.Add(new($"{at}.jobTemplate.spec", "is required"));
            else
                BroadcastJobValidation.JobPodTemplate($"{at}.jobTemplate.spec.template", job.Spec.Template, errors);
        }
        if (broadcast is not null)
        {
            if (broadcast.Spec is null)
                errors.Add(new($"{at}.broadcastJobTemplate.spec", "is required"));
            else
                BroadcastJobValidation.ValidateSpec($"{at}.broadcastJobTemplate.spec", broadcast.Spec, errors);
        }
    }
}
