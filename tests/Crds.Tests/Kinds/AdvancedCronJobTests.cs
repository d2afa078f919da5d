using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class AdvancedCronJobTests
{
    private const string ValidYaml = """
        apiVersion: apps.kruise.io/v1alpha1
        kind: AdvancedCronJob
        metadata:
          name: nightly-report
          namespace: default
        spec:
          schedule: "0 2 * * *"
          template:
            jobTemplate:
              spec:
                template:
                  spec:
                    restartPolicy: OnFailure
                    containers:
                    - name: report
                      image: registry.example.com/report:1.2.0
        """;

    private static AdvancedCronJob Valid() => KubernetesYaml.Deserialize<AdvancedCronJob>(ValidYaml);

    private static BroadcastJobTemplateSpec BroadcastTemplate() => new()
    {
        Spec = new BroadcastJobSpec
        {
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "prune", Image = "prune:1" }] },
            },
        },
    };

    [Fact]
    public void Valid_cron_jobs_have_no_errors()
    {
        Assert.Empty(AdvancedCronJobValidation.Validate(Valid()));
        Assert.Empty(AdvancedCronJobValidation.Validate(AdvancedCronJobDefaults.Apply(Valid())));
        var broadcast = Valid();
        broadcast.Spec.Template = new AdvancedCronJobTemplate { BroadcastJobTemplate = BroadcastTemplate() };
        Assert.Empty(AdvancedCronJobValidation.Validate(broadcast));
    }

    [Fact]
    public void Defaults_are_idempotent()
    {
        var once = AdvancedCronJobDefaults.Apply(Valid());
        Assert.Equal(KubernetesJson.Serialize(once), KubernetesJson.Serialize(AdvancedCronJobDefaults.Apply(once)));
    }

    [Theory]
    [InlineData("spec.concurrencyPolicy", "Allow")]
    [InlineData("spec.paused", "false")]
    [InlineData("spec.successfulJobsHistoryLimit", "3")]
    [InlineData("spec.failedJobsHistoryLimit", "1")]
    [InlineData("spec.startingDeadlineSeconds", null)]
    [InlineData("spec.timeZone", null)]
    [InlineData("spec.template.jobTemplate.spec.template.spec.restartPolicy", "OnFailure")]
    [InlineData("spec.template.jobTemplate.spec.template.spec.schedulerName", "default-scheduler")]
    public void Defaults(string path, string? expected)
    {
        var input = Valid();
        Assert.Equal(expected, KindTestKit.At(AdvancedCronJobDefaults.Apply(input), path));
        Assert.Null(KindTestKit.At(input, "spec.concurrencyPolicy"));
    }

    [Fact]
    public void Defaults_leave_a_broadcast_templates_own_policies_to_the_BroadcastJob()
    {
        var cronJob = Valid();
        cronJob.Spec.Template = new AdvancedCronJobTemplate { BroadcastJobTemplate = BroadcastTemplate() };
        var defaulted = AdvancedCronJobDefaults.Apply(cronJob);
        Assert.Null(KindTestKit.At(defaulted, "spec.template.broadcastJobTemplate.spec.completionPolicy"));
        Assert.Equal("ClusterFirst", KindTestKit.At(defaulted, "spec.template.broadcastJobTemplate.spec.template.spec.dnsPolicy"));
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 0 1 1 *")]
    [InlineData("30 9 * * MON-FRI")]
    [InlineData("0 9 * * THU")]
    [InlineData("0 0 ? * SUN")]
    [InlineData("0  3 *  * *")]
    [InlineData("@daily")]
    [InlineData("@every 1h30m")]
    [InlineData("TZ=Asia/Tokyo 30 9 * * *")]
    [InlineData("CRON_TZ=UTC @hourly")]
    public void Accepts_schedule(string schedule)
    {
        var cronJob = Valid();
        cronJob.Spec.Schedule = schedule;
        Assert.Empty(AdvancedCronJobValidation.Validate(cronJob));
    }

    [Theory]
    [InlineData("61 * * * *")]
    [InlineData("0 0 * * * *")]
    [InlineData("* * *")]
    [InlineData("0 25 * * *")]
    [InlineData("@fortnightly")]
    [InlineData("@every_minute")]
    [InlineData("@every soon")]
    [InlineData("H * * * *")]
    [InlineData("CRON_TZ=Mars/Base 0 9 * * *")]
    [InlineData("TZ=Asia/Tokyo")]
    public void Rejects_schedule(string schedule)
    {
        var cronJob = Valid();
        cronJob.Spec.Schedule = schedule;
        Assert.Equal([$"spec.schedule: invalid cron expression \"{schedule}\""], KindTestKit.Lines(AdvancedCronJobValidation.Validate(cronJob)));
    }

    [Fact]
    public void Schedules_run_in_their_time_zone()
    {
        Assert.True(CronSchedule.TryParse("0 9 * * *", out var daily));
        Assert.True(CronSchedule.TryFindTimeZone("Europe/Paris", out var paris));
        var after = new DateTimeOffset(2024, 5, 1, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 7, 0, 0, TimeSpan.Zero), daily.Next(after, paris)!.Value.ToUniversalTime());
        Assert.True(CronSchedule.TryParse("@every 90m", out var every));
        Assert.Equal(after.AddMinutes(90), every.Next(after.AddMilliseconds(300), TimeZoneInfo.Utc));
        Assert.True(CronSchedule.TryParse("TZ=Asia/Tokyo 0 9 * * *", out var tokyo));
        Assert.Equal("Asia/Tokyo", tokyo.TimeZone);
    }

    private static readonly Dictionary<string, (Action<AdvancedCronJob> Break, string[] Errors)> Invalid = new()
    {
        ["schedule missing"] = (c => c.Spec.Schedule = null, ["spec.schedule: is required"]),
        ["zone twice"] = (c => (c.Spec.Schedule, c.Spec.TimeZone) = ("TZ=Asia/Tokyo 0 9 * * *", "Asia/Tokyo"),
            ["spec.schedule: may not start with TZ= or CRON_TZ= when spec.timeZone is set"]),
        ["unknown time zone"] = (c => c.Spec.TimeZone = "Mars/Olympus", ["spec.timeZone: unknown time zone \"Mars/Olympus\""]),
        ["Local time zone"] = (c => c.Spec.TimeZone = "Local", ["spec.timeZone: must name an IANA time zone, not Local"]),
        ["empty time zone"] = (c => c.Spec.TimeZone = "", ["spec.timeZone: must be unset or name a time zone"]),
        ["unknown concurrency policy"] = (c => c.Spec.ConcurrencyPolicy = "Queue",
            ["spec.concurrencyPolicy: unsupported value \"Queue\": must be one of Allow, Forbid, Replace"]),
        ["negative deadline"] = (c => c.Spec.StartingDeadlineSeconds = -10, ["spec.startingDeadlineSeconds: must be >= 0"]),
        ["negative history"] = (c => (c.Spec.SuccessfulJobsHistoryLimit, c.Spec.FailedJobsHistoryLimit) = (-1, -2),
            ["spec.successfulJobsHistoryLimit: must be >= 0", "spec.failedJobsHistoryLimit: must be >= 0"]),
        ["no template"] = (c => c.Spec.Template = new AdvancedCronJobTemplate(),
            ["spec.template: must set one of jobTemplate or broadcastJobTemplate"]),
        ["two templates"] = (c => c.Spec.Template!.BroadcastJobTemplate = BroadcastTemplate(),
            ["spec.template: must set only one of jobTemplate or broadcastJobTemplate"]),
        ["job restarts Always"] = (c => c.Spec.Template!.JobTemplate!.Spec.Template.Spec.RestartPolicy = "Always",
            ["spec.template.jobTemplate.spec.template.spec.restartPolicy: unsupported value \"Always\": must be one of Never, OnFailure"]),
        ["job without spec"] = (c => c.Spec.Template!.JobTemplate!.Spec = null, ["spec.template.jobTemplate.spec: is required"]),
        ["broadcast ttl with Never"] = (c => c.Spec.Template = new AdvancedCronJobTemplate
            {
                BroadcastJobTemplate = new BroadcastJobTemplateSpec
                {
                    Spec = new BroadcastJobSpec
                    {
                        Template = BroadcastTemplate().Spec!.Template,
                        CompletionPolicy = new CompletionPolicy { Type = "Never", TtlSecondsAfterFinished = 30 },
                    },
                },
            },
            ["spec.template.broadcastJobTemplate.spec.completionPolicy.ttlSecondsAfterFinished: may only be set when type is Always"]),
        ["dotted name"] = (c => c.Metadata.Name = "nightly.report",
            ["metadata.name: invalid value \"nightly.report\": must consist of alphanumeric characters or '-'"]),
    };

    public static TheoryData<string> InvalidCases => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Rejects(string name)
    {
        var (breakIt, expected) = Invalid[name];
        var cronJob = Valid();
        breakIt(cronJob);
        Assert.Equal(expected, KindTestKit.Lines(AdvancedCronJobValidation.Validate(cronJob)));
    }

    [Fact]
    public void Updates_may_change_the_schedule_but_not_the_template()
    {
        var before = Valid();
        var rescheduled = Valid();
        (rescheduled.Spec.Schedule, rescheduled.Spec.Paused, rescheduled.Spec.TimeZone) = ("15 3 * * *", true, "UTC");
        Assert.Empty(AdvancedCronJobValidation.ValidateUpdate(before, rescheduled));
        var retemplated = Valid();
        retemplated.Spec.Template!.JobTemplate!.Spec.Template.Spec.Containers[0].Image = "registry.example.com/report:1.3.0";
        Assert.Equal(["spec.template: field is immutable"], KindTestKit.Lines(AdvancedCronJobValidation.ValidateUpdate(before, retemplated)));
    }
}
