using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.Pods;

public sealed class PodAvailabilityTests
{
    public static TheoryData<string, ObservedPod, int, bool, bool> Cases => new()
    {
        // case, pod, minReadySeconds, ready, available
        { "running and ready", TestPods.Running("web-a"), 0, true, true },
        { "pending", TestPods.Pending("web-a"), 0, false, false },
        { "not ready", TestPods.NotReady("web-a"), 0, false, false },
        { "in-place update in progress", TestPods.Running("web-a") with { InPlaceUpdateReady = false }, 0, false, false },
        { "no in-place condition yet", TestPods.Running("web-a") with { InPlaceUpdateReady = null }, 0, true, true },
        { "ready 10s of minReadySeconds 30", TestPods.Running("web-a", readyForSeconds: 10), 30, true, false },
        { "ready 31s of minReadySeconds 30", TestPods.Running("web-a", readyForSeconds: 31), 30, true, true },
        { "exactly minReadySeconds is not yet available", TestPods.Running("web-a", readyForSeconds: 30), 30, true, false },
        { "in a lifecycle hook", TestPods.Running("web-a").WithLabel(LifecycleStates.Label, LifecycleStates.PreparingDelete), 0, true, false },
        { "lifecycle Normal", TestPods.Running("web-a").WithLabel(LifecycleStates.Label, LifecycleStates.Normal), 0, true, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ready_and_available_as_OpenKruise_counts_them(string @case, ObservedPod pod, int minReadySeconds, bool ready, bool available)
    {
        Assert.True(ready == PodAvailability.IsReady(pod), @case);
        Assert.True(available == PodAvailability.IsAvailable(pod, minReadySeconds, TestPods.T0), @case);
    }

    [Fact]
    public void Available_at_is_when_min_ready_seconds_have_passed()
    {
        var pod = TestPods.Running("web-a", readyForSeconds: 10);

        Assert.Equal(TestPods.T0.AddSeconds(20).AddMilliseconds(1), PodAvailability.AvailableAt(pod, 30, TestPods.T0));
        Assert.Null(PodAvailability.AvailableAt(pod, 5, TestPods.T0));
    }

    [Fact]
    public void Observed_pod_reads_the_api_object()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-abcde", Uid = "u1", Labels = new Dictionary<string, string> { ["app"] = "web" },
                OwnerReferences = [new V1OwnerReference { Controller = true, Uid = "owner", Name = "web", Kind = "CloneSet", ApiVersion = "apps.kruise.io/v1alpha1" }],
                DeletionTimestamp = TestPods.T0.UtcDateTime,
            },
            Spec = new V1PodSpec { NodeName = "n1" },
            Status = new V1PodStatus
            {
                Phase = "Running",
                Conditions =
                [
                    new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = TestPods.T0.UtcDateTime },
                    new V1PodCondition { Type = InPlaceUpdateKeys.ReadinessGate, Status = "False" },
                ],
                ContainerStatuses = [new V1ContainerStatus { Name = "a", RestartCount = 2 }, new V1ContainerStatus { Name = "b", RestartCount = 5 }],
            },
        };

        var observed = ObservedPod.From(pod);

        Assert.Equal(("web-abcde", "u1", "owner", "n1", "Running"), (observed.Name, observed.Uid, observed.OwnerUid, observed.NodeName, observed.Phase));
        Assert.True(observed.Ready);
        Assert.Equal(TestPods.T0, observed.ReadySince);
        Assert.False(observed.InPlaceUpdateReady);
        Assert.Equal(5, observed.MaxRestarts);
        Assert.True(observed.Deleting);
        Assert.False(observed.IsActive);
    }
}
