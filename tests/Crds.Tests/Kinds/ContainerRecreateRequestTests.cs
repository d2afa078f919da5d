using k8s.Models;
using Kruise.Actors.Crds.Apps;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class ContainerRecreateRequestTests
{
    private static ContainerRecreateRequest Valid() => new()
    {
        ApiVersion = "apps.kruise.io/v1alpha1",
        Kind = "ContainerRecreateRequest",
        Metadata = new V1ObjectMeta { Name = "web-0-restart", NamespaceProperty = "web" },
        Spec = new ContainerRecreateRequestSpec
        {
            PodName = "web-0",
            Containers = [new() { Name = "app" }, new() { Name = "sidecar" }],
            Strategy = new ContainerRecreateRequestStrategy { OrderedRecreate = true, UnreadyGracePeriodSeconds = 5, MinStartedSeconds = 10 },
            ActiveDeadlineSeconds = 300,
            TtlSecondsAfterFinished = 1800,
        },
    };

    /// <summary>The request after the create path copied the pod's labels and container details in.</summary>
    private static ContainerRecreateRequest Admitted()
    {
        var request = ContainerRecreateRequestDefaults.Apply(Valid());
        request.Metadata.Labels = new Dictionary<string, string>
        {
            [ContainerRecreateRequest.PodUidLabel] = "3a1e5f2b-7c4d-4e8f-9a0b-1c2d3e4f5a6b",
            [ContainerRecreateRequest.NodeNameLabel] = "node-a",
            [ContainerRecreateRequest.ActiveLabel] = "true",
        };
        request.Spec.Strategy!.TerminationGracePeriodSeconds = 30;
        foreach (var container in request.Spec.Containers!)
            container.StatusContext = new ContainerRecreateRequestContainerContext { ContainerID = $"containerd://{container.Name}", RestartCount = 0 };
        return request;
    }

    [Fact]
    public void A_valid_request_has_no_errors()
    {
        Assert.Empty(ContainerRecreateRequestValidation.ValidateSubmitted(Valid()));
        Assert.Empty(ContainerRecreateRequestValidation.Validate(Admitted()));
    }

    [Theory]
    [InlineData(null, ContainerRecreateRequestFailurePolicies.Fail)]
    [InlineData(ContainerRecreateRequestFailurePolicies.Ignore, ContainerRecreateRequestFailurePolicies.Ignore)]
    public void Defaults_fill_the_failure_policy(string? given, string expected)
    {
        var input = Valid();
        input.Spec.Strategy!.FailurePolicy = given;
        var request = ContainerRecreateRequestDefaults.Apply(input);
        Assert.Equal(expected, request.Spec.Strategy!.FailurePolicy);
        Assert.True(request.Spec.Strategy.OrderedRecreate);
        Assert.Null(request.Spec.Strategy.TerminationGracePeriodSeconds);
        Assert.Equal(given, input.Spec.Strategy.FailurePolicy);
    }

    [Fact]
    public void Defaults_add_a_strategy_when_there_is_none()
    {
        var input = Valid();
        input.Spec.Strategy = null;
        Assert.Equal(ContainerRecreateRequestFailurePolicies.Fail, ContainerRecreateRequestDefaults.Apply(input).Spec.Strategy!.FailurePolicy);
    }

    public static TheoryData<string, Action<ContainerRecreateRequestSpec>, string[]> InvalidSpecs => new()
    {
        { "no pod", s => s.PodName = "", ["spec.podName: is required"] },
        { "bad pod name", s => s.PodName = "Web_0", ["spec.podName: invalid value \"Web_0\": must be a pod name"] },
        { "no containers", s => s.Containers = [], ["spec.containers: must have at least one container"] },
        { "null containers", s => s.Containers = null, ["spec.containers: must have at least one container"] },
        { "unnamed container", s => s.Containers![1].Name = null, ["spec.containers[1].name: must not be empty"] },
        { "container twice", s => s.Containers!.Add(new() { Name = "app" }), ["spec.containers[2].name: duplicate value \"app\""] },
        { "deadline too short", s => s.ActiveDeadlineSeconds = 2, ["spec.activeDeadlineSeconds: must be >= 3"] },
        { "negative ttl", s => s.TtlSecondsAfterFinished = -1, ["spec.ttlSecondsAfterFinished: must be >= 0"] },
        {
            "unknown failure policy",
            s => s.Strategy!.FailurePolicy = "Retry",
            ["spec.strategy.failurePolicy: unsupported value \"Retry\": must be one of Fail, Ignore"]
        },
        {
            "negative strategy seconds",
            s => s.Strategy = new ContainerRecreateRequestStrategy { TerminationGracePeriodSeconds = -1, UnreadyGracePeriodSeconds = -1, MinStartedSeconds = -1 },
            [
                "spec.strategy.terminationGracePeriodSeconds: must be >= 0",
                "spec.strategy.unreadyGracePeriodSeconds: must be >= 0",
                "spec.strategy.minStartedSeconds: must be >= 0",
            ]
        },
        {
            "user sets read-only fields",
            s =>
            {
                s.Containers![0].PreStop = new ContainerRecreateRequestProbeHandler { Exec = new V1ExecAction { Command = ["sleep", "5"] } };
                s.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 8080 }];
                s.Containers[1].StatusContext = new ContainerRecreateRequestContainerContext { ContainerID = "containerd://x" };
            },
            [
                "spec.containers[0].preStop: is read-only: it is copied from the pod",
                "spec.containers[0].ports: is read-only: it is copied from the pod",
                "spec.containers[1].statusContext: is read-only: it is copied from the pod",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Rejects_invalid_submitted_requests(string name, Action<ContainerRecreateRequestSpec> breakSpec, string[] expected)
    {
        var request = Valid();
        breakSpec(request.Spec);
        var errors = ContainerRecreateRequestValidation.ValidateSubmitted(request).Select(e => e.ToString()).ToList();
        Assert.True(expected.SequenceEqual(errors), $"{name}: {string.Join(" | ", errors)}");
    }

    public static TheoryData<string, Action<ContainerRecreateRequest>, string[]> Updates => new()
    {
        { "status and active label change", r => { r.Metadata.Labels!.Remove(ContainerRecreateRequest.ActiveLabel); r.Status = new() { Phase = "Completed" }; }, [] },
        { "spec change", r => r.Spec.Containers!.RemoveAt(1), ["spec: field is immutable"] },
        { "strategy change", r => r.Spec.Strategy!.ForceRecreate = true, ["spec: field is immutable"] },
        {
            "pod and node labels change",
            r =>
            {
                r.Metadata.Labels![ContainerRecreateRequest.PodUidLabel] = "other";
                r.Metadata.Labels.Remove(ContainerRecreateRequest.NodeNameLabel);
            },
            [
                "metadata.labels[crr.apps.kruise.io/pod-uid]: field is immutable",
                "metadata.labels[crr.apps.kruise.io/node-name]: field is immutable",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public void Update_keeps_spec_and_pod_identity(string name, Action<ContainerRecreateRequest> change, string[] expected)
    {
        var updated = Admitted();
        change(updated);
        var errors = ContainerRecreateRequestValidation.ValidateUpdate(Admitted(), updated).Select(e => e.ToString()).ToList();
        Assert.True(expected.SequenceEqual(errors), $"{name}: {string.Join(" | ", errors)}");
    }

    [Fact]
    public void Unready_acquired_annotation_may_be_set_once_but_not_changed()
    {
        const string key = ContainerRecreateRequest.UnreadyAcquiredAnnotation;
        var acquired = Admitted();
        acquired.Metadata.Annotations = new Dictionary<string, string> { [key] = "2024-05-01T10:00:00Z" };
        Assert.Empty(ContainerRecreateRequestValidation.ValidateUpdate(Admitted(), acquired));

        var changed = Admitted();
        changed.Metadata.Annotations = new Dictionary<string, string> { [key] = "2024-05-01T10:05:00Z" };
        Assert.Equal(["metadata.annotations[crr.apps.kruise.io/unready-acquired]: field is immutable once set"],
            ContainerRecreateRequestValidation.ValidateUpdate(acquired, changed).Select(e => e.ToString()));
    }
}
