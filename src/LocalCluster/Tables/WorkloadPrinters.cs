using System.Globalization;
using System.Text.Json.Nodes;
using static Kruise.Actors.LocalCluster.Tables.CorePrinters;
using static Kruise.Actors.LocalCluster.JsonRead;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>Deployments, ReplicaSets, StatefulSets, DaemonSets, ControllerRevisions, Jobs and CronJobs as the API server prints them.</summary>
internal static class WorkloadPrinters
{
    private static readonly TableColumn Containers = TableColumn.Wide("Containers", "Names of each container in the template.");
    private static readonly TableColumn Images = TableColumn.Wide("Images", "Images referenced by each container in the template.");
    private static readonly TableColumn Selector = TableColumn.Wide("Selector", "Label selector for pods.");

    public static TablePrinter Deployment { get; } = new(
    [
        TableColumn.NameColumn,
        new("Ready", Description: "Number of the pod with ready state"),
        new("Up-to-date", Description: "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        new("Available", Description: "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        TableColumn.Age, Containers, Images, Selector,
    ], (o, now) =>
    [
        Name(o), $"{Int(o, "status", "readyReplicas")}/{Replicas(o)}", Int(o, "status", "updatedReplicas"),
        Int(o, "status", "availableReplicas"), Age(o, now), ContainerNames(o), ContainerImages(o),
        SelectorText.Selector(At(o, "spec", "selector")) ?? "<invalid>",
    ]);

    public static TablePrinter ReplicaSet { get; } = new(
    [
        TableColumn.NameColumn,
        new("Desired", "integer", Description: "Replicas is the number of desired pods."),
        new("Current", "integer", Description: "Replicas is the most recently observed number of replicas."),
        new("Ready", "integer", Description: "The number of ready replicas for this replica set."),
        TableColumn.Age, Containers, Images, Selector,
    ], (o, now) =>
    [
        Name(o), Replicas(o), Int(o, "status", "replicas"), Int(o, "status", "readyReplicas"), Age(o, now),
        ContainerNames(o), ContainerImages(o), SelectorText.FormatSelector(At(o, "spec", "selector")),
    ]);

    public static TablePrinter StatefulSet { get; } = new(
        [TableColumn.NameColumn, new("Ready", Description: "Number of the pod with ready state"), TableColumn.Age, Containers, Images],
        (o, now) => [Name(o), $"{Int(o, "status", "readyReplicas")}/{Replicas(o)}", Age(o, now), ContainerNames(o), ContainerImages(o)]);

    public static TablePrinter DaemonSet { get; } = new(
    [
        TableColumn.NameColumn,
        new("Desired", "integer", Description: "The total number of nodes that should be running the daemon pod."),
        new("Current", "integer", Description: "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
        new("Ready", "integer", Description: "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
        new("Up-to-date", "integer", Description: "The total number of nodes that are running updated daemon pod"),
        new("Available", "integer", Description: "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available."),
        new("Node Selector", Description: "NodeSelector is a selector which must be true for the pod to fit on a node."),
        TableColumn.Age, Containers, Images, Selector,
    ], (o, now) =>
    [
        Name(o), Int(o, "status", "desiredNumberScheduled"), Int(o, "status", "currentNumberScheduled"),
        Int(o, "status", "numberReady"), Int(o, "status", "updatedNumberScheduled"), Int(o, "status", "numberAvailable"),
        SelectorText.Labels(StringMap(o, "spec", "template", "spec", "nodeSelector")), Age(o, now),
        ContainerNames(o), ContainerImages(o), SelectorText.FormatSelector(At(o, "spec", "selector")),
    ]);

    public static TablePrinter ControllerRevision { get; } = new(
    [
        TableColumn.NameColumn,
        new("Controller", Description: "Controller of the object"),
        new("Revision", Description: "Revision indicates the revision of the state represented by Data."),
        TableColumn.Age,
    ], (o, now) => [Name(o), Controller(o), Int(o, "revision"), Age(o, now)]);

    public static TablePrinter Job { get; } = new(
    [
        TableColumn.NameColumn,
        new("Status", Description: "Status of the job."),
        new("Completions", Description: "The number of pods which reached phase Succeeded."),
        new("Duration", Description: "Time required to complete the job."),
        TableColumn.Age, Containers, Images, Selector,
    ], (o, now) =>
    [
        Name(o), JobStatus(o), Completions(o), JobDuration(o, now), Age(o, now),
        ContainerNames(o), ContainerImages(o), SelectorText.FormatSelector(At(o, "spec", "selector")),
    ]);

    public static TablePrinter CronJob { get; } = new(
    [
        TableColumn.NameColumn,
        new("Schedule", Description: "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
        new("Timezone", Description: "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
        new("Suspend", "boolean", Description: "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false."),
        new("Active", "integer", Description: "A list of pointers to currently running jobs."),
        new("Last Schedule", Description: "Information when was the last time the job was successfully scheduled."),
        TableColumn.Age, Containers, Images, Selector,
    ], (o, now) =>
    [
        Name(o), Str(o, "spec", "schedule"),
        Str(o, "spec", "timeZone") is { Length: > 0 } zone ? zone : "<none>",
        At(o, "spec", "suspend") is { } suspend ? (Bool(suspend) ? "True" : "False") : "<unset>",
        Count(o, "status", "active"),
        Has(o, "status", "lastScheduleTime") ? Timestamps.Since(now, At(o, "status", "lastScheduleTime")) : "<none>",
        Age(o, now),
        string.Join(",", Objects(o, "spec", "jobTemplate", "spec", "template", "spec", "containers").Select(c => Str(c, "name"))),
        string.Join(",", Objects(o, "spec", "jobTemplate", "spec", "template", "spec", "containers").Select(c => Str(c, "image"))),
        SelectorText.FormatSelector(At(o, "spec", "jobTemplate", "spec", "selector")),
    ]);

    // apps/v1 defaults replicas to 1.
    private static long Replicas(JsonObject o) => IntOrNull(o, "spec", "replicas") ?? 1;

    private static string ContainerNames(JsonObject o) =>
        string.Join(",", Objects(o, "spec", "template", "spec", "containers").Select(c => Str(c, "name")));

    private static string ContainerImages(JsonObject o) =>
        string.Join(",", Objects(o, "spec", "template", "spec", "containers").Select(c => Str(c, "image")));

    // "kind.group/name" of the controlling owner, lower-cased like formatResourceName.
    private static string Controller(JsonObject o)
    {
        var owner = Objects(o, "metadata", "ownerReferences").FirstOrDefault(r => Bool(r, "controller"));
        if (owner is null)
            return "<none>";
        var apiVersion = Str(owner, "apiVersion");
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var kind = Str(owner, "kind");
        var groupKind = group.Length > 0 ? $"{kind}.{group}" : kind;
        return groupKind.Length == 0 ? Str(owner, "name") : $"{groupKind.ToLower(CultureInfo.InvariantCulture)}/{Str(owner, "name")}";
    }

    private static string JobStatus(JsonObject job)
    {
        bool Condition(string type) => Objects(job, "status", "conditions").FirstOrDefault(c => Str(c, "type") == type) is { } c && Str(c, "status") == "True";
        if (Condition("Complete"))
            return "Complete";
        if (Condition("Failed"))
            return "Failed";
        if (Has(job, "metadata", "deletionTimestamp"))
            return "Terminating";
        if (Condition("Suspended"))
            return "Suspended";
        return Condition("FailureTarget") ? "FailureTarget" : "Running";
    }

    private static string Completions(JsonObject job)
    {
        var succeeded = Int(job, "status", "succeeded");
        if (IntOrNull(job, "spec", "completions") is { } completions)
            return $"{succeeded}/{completions}";
        var parallelism = Int(job, "spec", "parallelism");
        return parallelism > 1 ? $"{succeeded}/1 of {parallelism}" : $"{succeeded}/1";
    }

    private static string JobDuration(JsonObject job, DateTimeOffset now)
    {
        if (Timestamps.Parse(At(job, "status", "startTime")) is not { } start)
            return "";
        var end = Timestamps.Parse(At(job, "status", "completionTime")) ?? now;
        return HumanDuration.Format(end - start);
    }
}
