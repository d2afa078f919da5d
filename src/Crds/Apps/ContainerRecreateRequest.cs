using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>ContainerRecreateRequest: asks the node daemon to kill and restart some containers of a running pod in place.</summary>
[CustomResource(KruiseGroups.Apps, "ContainerRecreateRequest", "containerrecreaterequests", ShortNames = ["crr"])]
[PrinterColumn(0, "PHASE", "string", ".status.phase", Description = "Phase of this ContainerRecreateRequest.")]
[PrinterColumn(1, "POD", "string", ".spec.podName", Description = "Pod name of this ContainerRecreateRequest.")]
[PrinterColumn(2, "NODE", "string", ".metadata.labels.crr\\.apps\\.kruise\\.io/node-name", Description = "Node name of this ContainerRecreateRequest.")]
[PrinterColumn(3, "AGE", "date", ".metadata.creationTimestamp")]
public sealed class ContainerRecreateRequest : KruiseObject<ContainerRecreateRequestSpec, ContainerRecreateRequestStatus>
{
    /// <summary>Label: UID of the target pod, set on create and immutable after.</summary>
    public const string PodUidLabel = "crr.apps.kruise.io/pod-uid";

    /// <summary>Label: node of the target pod, set on create and immutable after (the NODE column).</summary>
    public const string NodeNameLabel = "crr.apps.kruise.io/node-name";

    /// <summary>Label "true" while the request is unfinished; the daemon watches only active requests.</summary>
    public const string ActiveLabel = "crr.apps.kruise.io/active";

    /// <summary>Annotation: the pod's container statuses, copied in while the request is Recreating.</summary>
    public const string SyncContainerStatusesAnnotation = "crr.apps.kruise.io/sync-container-statuses";

    /// <summary>Annotation: set once the pod has been forced not-ready (unreadyGracePeriodSeconds); immutable after.</summary>
    public const string UnreadyAcquiredAnnotation = "crr.apps.kruise.io/unready-acquired";

    /// <summary>The shortest activeDeadlineSeconds OpenKruise accepts.</summary>
    public const long MinActiveDeadlineSeconds = 3;
}

public sealed class ContainerRecreateRequestSpec
{
    [JsonPropertyName("podName"), SchemaRequired, Description("Name of the pod, in the request's namespace, whose containers are recreated.")]
    public string? PodName { get; set; }

    [JsonPropertyName("containers"), SchemaRequired, Description("The containers to recreate, each named once.")]
    public IList<ContainerRecreateRequestContainer>? Containers { get; set; }

    [JsonPropertyName("strategy"), Description("How the containers are recreated.")]
    public ContainerRecreateRequestStrategy? Strategy { get; set; }

    [JsonPropertyName("activeDeadlineSeconds"), Minimum(0), Description("Seconds after creation at which an unfinished request fails; at least 3.")]
    public long? ActiveDeadlineSeconds { get; set; }

    [JsonPropertyName("ttlSecondsAfterFinished"), Minimum(0), Description("Seconds after the request finishes at which it is deleted.")]
    public int? TtlSecondsAfterFinished { get; set; }
}

public sealed class ContainerRecreateRequestContainer
{
    [JsonPropertyName("name"), SchemaRequired, Description("Name of a container in the pod's spec.containers.")]
    public string? Name { get; set; }

    [JsonPropertyName("preStop"), Description("Copied from the container's preStop hook when the request is created; read-only.")]
    public ContainerRecreateRequestProbeHandler? PreStop { get; set; }

    [JsonPropertyName("ports"), Description("Copied from the container when its preStop hook is an HTTP call; read-only.")]
    public IList<V1ContainerPort>? Ports { get; set; }

    [JsonPropertyName("statusContext"), Description("The container's ID and restart count when the request was created; read-only.")]
    public ContainerRecreateRequestContainerContext? StatusContext { get; set; }
}

/// <summary>One action (exec, HTTP GET or TCP connect), the shape of a preStop hook.</summary>
public sealed class ContainerRecreateRequestProbeHandler
{
    [JsonPropertyName("exec"), Description("A command run in the container.")]
    public V1ExecAction? Exec { get; set; }

    [JsonPropertyName("httpGet"), Description("An HTTP GET against the container.")]
    public V1HTTPGetAction? HttpGet { get; set; }

    [JsonPropertyName("tcpSocket"), Description("A TCP connection to the container.")]
    public V1TCPSocketAction? TcpSocket { get; set; }
}

/// <summary>Which running instance of the container the request is about.</summary>
public sealed class ContainerRecreateRequestContainerContext
{
    [JsonPropertyName("containerID"), SchemaRequired, Description("The container's runtime ID, e.g. containerd://<id>.")]
    // Spelled so KubernetesYaml (camel-cased property names) reads "containerID" too.
    public string? ContainerID { get; set; }

    [JsonPropertyName("restartCount"), SchemaRequired, Description("The container's restart count.")]
    public int RestartCount { get; set; }
}

public sealed class ContainerRecreateRequestStrategy
{
    [JsonPropertyName("failurePolicy"), EnumValues(ContainerRecreateRequestFailurePolicies.Fail, ContainerRecreateRequestFailurePolicies.Ignore),
     Description("Fail (default) stops at the first container that fails to recreate; Ignore goes on with the rest.")]
    public string? FailurePolicy { get; set; }

    [JsonPropertyName("orderedRecreate"), Description("Recreate the next container only once the previous one is recreated and started.")]
    public bool? OrderedRecreate { get; set; }

    [JsonPropertyName("forceRecreate"), Description("Kill the container even if it is still starting from an earlier restart.")]
    public bool? ForceRecreate { get; set; }

    [JsonPropertyName("terminationGracePeriodSeconds"), Minimum(0),
     Description("Seconds the container gets to stop gracefully; 0 kills it at once. Unset uses the pod's own period.")]
    public long? TerminationGracePeriodSeconds { get; set; }

    [JsonPropertyName("unreadyGracePeriodSeconds"), Minimum(0),
     Description("Seconds the pod is held not-ready before the preStop hook runs and the container is stopped.")]
    public long? UnreadyGracePeriodSeconds { get; set; }

    [JsonPropertyName("minStartedSeconds"), Minimum(0),
     Description("Seconds a recreated container must stay started (and ready) to count as succeeded. Unset means 0.")]
    public int? MinStartedSeconds { get; set; }
}

public sealed class ContainerRecreateRequestStatus
{
    [JsonPropertyName("phase"), SchemaRequired, EnumValues(ContainerRecreateRequestPhases.Pending, ContainerRecreateRequestPhases.Recreating,
         ContainerRecreateRequestPhases.Succeeded, ContainerRecreateRequestPhases.Failed, ContainerRecreateRequestPhases.Completed),
     Description("Pending, Recreating or Completed for the request.")]
    public string? Phase { get; set; }

    [JsonPropertyName("completionTime"), Description("When the request completed.")]
    public DateTime? CompletionTime { get; set; }

    [JsonPropertyName("message"), Description("A human-readable detail of the request's state.")]
    public string? Message { get; set; }

    [JsonPropertyName("containerRecreateStates"), Description("The recreation state of each container.")]
    public IList<ContainerRecreateRequestContainerRecreateState>? ContainerRecreateStates { get; set; }
}

public sealed class ContainerRecreateRequestContainerRecreateState
{
    [JsonPropertyName("name"), SchemaRequired, Description("Name of the container.")]
    public string? Name { get; set; }

    [JsonPropertyName("phase"), SchemaRequired, EnumValues(ContainerRecreateRequestPhases.Pending, ContainerRecreateRequestPhases.Recreating,
         ContainerRecreateRequestPhases.Succeeded, ContainerRecreateRequestPhases.Failed, ContainerRecreateRequestPhases.Completed),
     Description("Pending, Recreating, Succeeded or Failed for the container.")]
    public string? Phase { get; set; }

    [JsonPropertyName("message"), Description("A human-readable detail, such as why recreation failed.")]
    public string? Message { get; set; }

    [JsonPropertyName("isKilled"), Description("Whether the daemon has already killed the container.")]
    public bool? IsKilled { get; set; }
}

public static class ContainerRecreateRequestFailurePolicies
{
    public const string Fail = "Fail";
    public const string Ignore = "Ignore";

    public static readonly IReadOnlyList<string> All = [Fail, Ignore];
}

public static class ContainerRecreateRequestPhases
{
    public const string Pending = "Pending";
    public const string Recreating = "Recreating";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Completed = "Completed";
}
