using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>
/// The apiserver's defaulting of built-in workloads (apps/v1 and batch/v1 SetDefaults_*), applied
/// on every create and update as its decoder does: what `kubectl get -o yaml` and `describe`
/// show (a Deployment's RollingUpdate 25%/25% strategy, revisionHistoryLimit 10, ...), and the
/// pod defaults inside each template.
/// </summary>
internal static class WorkloadDefaults
{
    public static void Apply(string group, string kind, JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
            return;
        switch (group, kind)
        {
            case ("apps", "Deployment"):
                spec["replicas"] ??= 1;
                var strategy = Object(spec, "strategy");
                strategy["type"] ??= "RollingUpdate";
                if (JsonRead.AsString(strategy["type"]) == "RollingUpdate")
                {
                    var rolling = Object(strategy, "rollingUpdate");
                    rolling["maxUnavailable"] ??= "25%";
                    rolling["maxSurge"] ??= "25%";
                }
                spec["revisionHistoryLimit"] ??= 10;
                spec["progressDeadlineSeconds"] ??= 600;
                Template(spec);
                break;
            case ("apps", "StatefulSet"):
                spec["replicas"] ??= 1;
                spec["podManagementPolicy"] ??= "OrderedReady";
                var update = Object(spec, "updateStrategy");
                update["type"] ??= "RollingUpdate";
                if (JsonRead.AsString(update["type"]) == "RollingUpdate")
                    Object(update, "rollingUpdate")["partition"] ??= 0;
                spec["revisionHistoryLimit"] ??= 10;
                var retention = Object(spec, "persistentVolumeClaimRetentionPolicy");
                retention["whenDeleted"] ??= "Retain";
                retention["whenScaled"] ??= "Retain";
                foreach (var claim in JsonRead.Objects(spec, "volumeClaimTemplates"))
                    Object(claim, "spec")["volumeMode"] ??= "Filesystem";
                Template(spec);
                break;
            case ("apps", "DaemonSet"):
                var daemonUpdate = Object(spec, "updateStrategy");
                daemonUpdate["type"] ??= "RollingUpdate";
                if (JsonRead.AsString(daemonUpdate["type"]) == "RollingUpdate")
                {
                    var rolling = Object(daemonUpdate, "rollingUpdate");
                    rolling["maxUnavailable"] ??= 1;
                    rolling["maxSurge"] ??= 0;
                }
                spec["revisionHistoryLimit"] ??= 10;
                Template(spec);
                break;
            case ("apps", "ReplicaSet"):
                spec["replicas"] ??= 1;
                Template(spec);
                break;
            case ("batch", "Job"):
                if (spec["completions"] is null && spec["parallelism"] is null)
                    spec["completions"] = 1;
                spec["parallelism"] ??= 1;
                spec["backoffLimit"] ??= spec["backoffLimitPerIndex"] is null ? 6 : int.MaxValue;
                spec["completionMode"] ??= "NonIndexed";
                spec["suspend"] ??= false;
                spec["podReplacementPolicy"] ??= spec["podFailurePolicy"] is null ? "TerminatingOrFailed" : "Failed";
                Template(spec, keepRestartPolicy: true);
                break;
            case ("batch", "CronJob"):
                spec["concurrencyPolicy"] ??= "Allow";
                spec["suspend"] ??= false;
                spec["successfulJobsHistoryLimit"] ??= 3;
                spec["failedJobsHistoryLimit"] ??= 1;
                if (JsonRead.At(spec, "jobTemplate", "spec") is JsonObject jobSpec)
                    Template(jobSpec, keepRestartPolicy: true);
                break;
        }
    }

    /// <summary>Pod defaults inside spec.template. A Job's pods have no default restartPolicy: validation demands one.</summary>
    private static void Template(JsonObject spec, bool keepRestartPolicy = false)
    {
        if (spec["template"] is not JsonObject template || template["spec"] is not JsonObject podSpec)
            return;
        var hadRestartPolicy = podSpec.ContainsKey("restartPolicy");
        BuiltinRules.ApplyTemplateDefaults(template);
        if (keepRestartPolicy && !hadRestartPolicy && template["spec"] is JsonObject defaulted)
            defaulted.Remove("restartPolicy");
    }

    private static JsonObject Object(JsonObject parent, string field)
    {
        if (parent[field] is JsonObject existing)
            return existing;
        var created = new JsonObject();
        parent[field] = created;
        return created;
    }
}
