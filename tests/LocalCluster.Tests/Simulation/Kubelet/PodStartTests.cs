using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using Kruise.Actors.LocalCluster.Simulation.Network;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.PodTimeline;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>A bound pod from Pending to Running and Ready: sandbox, image, container, conditions, events.</summary>
public class PodStartTests
{
    // The pull/start/readiness timeline; the sandbox's own latency has tests of its own (PodSandboxTests).
    private static readonly KubeletTimings Realistic = KubeletOptions.Realistic.Timings with { PodSandbox = TimeSpan.Zero };
    private static readonly string[] Images = ["nginx:1.25", "redis:7", "busybox", "openkruise/guestbook:v1"];

    [Fact]
    public void With_no_latency_a_new_pod_is_running_and_ready_in_one_plan()
    {
        var pod = new PodTimeline(PodOf(C()));

        var plan = pod.Sync(T0);

        Assert.True(plan.WriteStatus);
        Assert.Null(plan.NextDue);
        Assert.Equal(["Pulling", "Pulled", "Created", "Started"], pod.Reasons);
        Assert.Equal("Running", pod.Phase);
        Assert.Equal("10.244.1.2", JsonRead.Str(pod.Status, "podIP"));
        Assert.Equal("10.244.1.2", JsonRead.Str(JsonRead.Objects(pod.Status, "podIPs").Single(), "ip"));
        Assert.Equal("172.18.0.2", JsonRead.Str(pod.Status, "hostIP"));
        Assert.Equal("172.18.0.2", JsonRead.Str(JsonRead.Objects(pod.Status, "hostIPs").Single(), "ip"));
        Assert.Equal("2025-03-01T12:00:00Z", JsonRead.Str(pod.Status, "startTime"));
        Assert.Equal("BestEffort", JsonRead.Str(pod.Status, "qosClass"));
        Assert.Equal(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"],
            JsonRead.Objects(pod.Status, "conditions").Select(c => JsonRead.Str(c, "type")));
        Assert.All(JsonRead.Objects(pod.Status, "conditions"), c => Assert.Equal("True", JsonRead.Str(c, "status")));

        var container = pod.Container();
        Assert.Equal("docker.io/library/nginx:1.25", JsonRead.Str(container, "image"));
        Assert.Equal(ImageReference.Parse("nginx:1.25").Reference!.ImageId, JsonRead.Str(container, "imageID"));
        Assert.Matches("^containerd://[0-9a-f]{64}$", JsonRead.Str(container, "containerID"));
        Assert.Equal(0, JsonRead.Int(container, "restartCount"));
        Assert.True(JsonRead.Bool(container, "ready"));
        Assert.True(JsonRead.Bool(container, "started"));
        Assert.Equal("2025-03-01T12:00:00Z", JsonRead.Str(container, "state", "running", "startedAt"));
        Assert.Equal(0, JsonRead.Count(container, "lastState"));
    }

    [Fact]
    public void Events_read_as_the_real_kubelets_and_name_the_container()
    {
        var pod = new PodTimeline(PodOf(C()));

        pod.Sync(T0);

        Assert.Equal(
            [
                "Pulling image \"nginx:1.25\"",
                $"Successfully pulled image \"nginx:1.25\" in 0s (0s including waiting). Image size: {ImageReference.Parse("nginx:1.25").Reference!.SizeBytes} bytes.",
                "Created container: nginx",
                "Started container nginx",
            ],
            pod.Last.Events.Select(e => e.Message));
        Assert.All(pod.Last.Events, e => Assert.Equal("spec.containers{nginx}", e.FieldPath));
        Assert.All(pod.Last.Events, e => Assert.Equal(KubeletEvent.Normal, e.Type));
        Assert.Equal([new ImagePull("docker.io/library/nginx:1.25", T0)], pod.Last.Pulls);
    }

    [Fact]
    public void An_image_already_on_the_node_is_not_pulled_again()
    {
        var pod = new PodTimeline(PodOf(C()));
        pod.Images["docker.io/library/nginx:1.25"] = T0.AddMinutes(-5);

        pod.Sync(T0);

        Assert.Equal(["Pulled", "Created", "Started"], pod.Reasons);
        Assert.Equal("Container image \"nginx:1.25\" already present on machine", pod.Last.Events[0].Message);
        Assert.Empty(pod.Last.Pulls);
    }

    [Fact]
    public void Another_spelling_of_a_cached_image_is_the_same_image()
    {
        var pod = new PodTimeline(PodOf(C(image: "docker.io/library/nginx:1.25")));
        pod.Images["docker.io/library/nginx:1.25"] = T0.AddMinutes(-5);

        pod.Sync(T0);

        Assert.Equal(["Pulled", "Created", "Started"], pod.Reasons);
    }

    [Fact]
    public void With_latencies_the_pod_is_ContainerCreating_then_running_then_ready()
    {
        var pod = new PodTimeline(PodOf(C()), Realistic);

        pod.Sync(T0);

        Assert.Equal(["Pulling"], pod.Reasons);
        Assert.Equal("Pending", pod.Phase);
        Assert.Equal("ContainerCreating", JsonRead.Str(pod.Container(), "state", "waiting", "reason"));
        Assert.Equal("nginx:1.25", JsonRead.Str(pod.Container(), "image"));
        Assert.Equal("", JsonRead.Str(pod.Container(), "imageID"));
        Assert.False(JsonRead.Has(pod.Container(), "containerID"));
        Assert.Equal("10.244.1.2", JsonRead.Str(pod.Status, "podIP"));
        Assert.Equal("True", pod.ConditionStatus("PodReadyToStartContainers"));
        Assert.Equal("True", pod.ConditionStatus("Initialized"));
        Assert.Equal("ContainersNotReady", JsonRead.Str(pod.Condition("Ready"), "reason"));
        Assert.Equal("containers with unready status: [nginx]", JsonRead.Str(pod.Condition("Ready"), "message"));
        Assert.Equal("containers with unready status: [nginx]", JsonRead.Str(pod.Condition("ContainersReady"), "message"));
        var pulled = pod.Last.NextDue!.Value;
        Assert.InRange(pulled, T0.AddSeconds(1), T0.AddSeconds(2));

        pod.Sync(pulled);
        Assert.Equal(["Pulled"], pod.Reasons);
        Assert.Matches(@"^Successfully pulled image ""nginx:1.25"" in 1(\.\d+)?s \(1(\.\d+)?s including waiting\)\. Image size: \d+ bytes\.$", pod.Last.Events[0].Message);
        Assert.Equal(pulled.AddMilliseconds(500), pod.Last.NextDue);

        pod.Sync(pulled.AddMilliseconds(500));
        Assert.Equal(["Created", "Started"], pod.Reasons);
        Assert.Equal("Running", pod.Phase);
        Assert.False(JsonRead.Bool(pod.Container(), "ready"));
        Assert.True(JsonRead.Bool(pod.Container(), "started"));
        Assert.Equal("False", pod.ConditionStatus("Ready"));
        Assert.Equal(pulled.AddSeconds(1), pod.Last.NextDue);

        pod.Sync(pulled.AddSeconds(1));
        Assert.Empty(pod.Reasons);
        Assert.True(JsonRead.Bool(pod.Container(), "ready"));
        Assert.Equal("True", pod.ConditionStatus("Ready"));
        Assert.Null(pod.Last.NextDue);
    }

    [Fact]
    public void A_late_sync_plays_every_step_at_its_own_time()
    {
        var pod = new PodTimeline(PodOf(C()), Realistic);
        pod.Sync(T0);
        var pulled = pod.Last.NextDue!.Value;

        pod.Sync(T0.AddMinutes(1));

        Assert.Equal(["Pulled", "Created", "Started"], pod.Reasons);
        Assert.Equal([pulled, pulled.AddMilliseconds(500), pulled.AddMilliseconds(500)], pod.Last.Events.Select(e => e.At));
        Assert.True(JsonRead.Bool(pod.Container(), "ready"));
        Assert.Null(pod.Last.NextDue);
    }

    [Fact]
    public void A_pod_whose_image_another_pod_is_pulling_waits_for_that_pull()
    {
        var first = new PodTimeline(PodOf(C()), Realistic);
        first.Sync(T0);
        var pulled = first.Last.NextDue!.Value;
        var second = new PodTimeline(PodOf(C()) with { Name = "web-2", Uid = "uid-2" }, Realistic);
        foreach (var (image, at) in first.Images)
            second.Images[image] = at;

        second.Sync(T0.AddMilliseconds(300));

        Assert.Equal(["Pulling"], second.Reasons);
        Assert.Equal(pulled, second.Last.NextDue);
        Assert.Empty(second.Last.Pulls);
    }

    [Fact]
    public void Pull_times_differ_between_images_but_stay_within_one_to_two_pull_latencies()
    {
        var dues = Images.Select(image =>
        {
            var pod = new PodTimeline(PodOf(C(image: image)), Realistic);
            pod.Sync(T0);
            return pod.Last.NextDue!.Value;
        }).ToList();

        Assert.All(dues, due => Assert.InRange(due, T0.AddSeconds(1), T0.AddSeconds(2)));
        Assert.True(dues.Distinct().Count() > 1);
    }

    [Fact]
    public void Pull_policy_Always_pulls_even_a_cached_image()
    {
        var pod = new PodTimeline(PodOf(C(image: "nginx", policy: "Always")));
        pod.Images["docker.io/library/nginx:latest"] = T0.AddMinutes(-5);

        pod.Sync(T0);

        Assert.Equal(["Pulling", "Pulled", "Created", "Started"], pod.Reasons);
        Assert.Equal("docker.io/library/nginx:latest", JsonRead.Str(pod.Container(), "image"));
    }

    [Fact]
    public void Pull_policy_Never_without_the_image_waits_with_ErrImageNeverPull()
    {
        var pod = new PodTimeline(PodOf(C(policy: "Never")));

        pod.Sync(T0);

        var warning = Assert.Single(pod.Last.Events);
        Assert.Equal((KubeletEvent.Warning, "ErrImageNeverPull", "Container image \"nginx:1.25\" is not present with pull policy of Never"), (warning.Type, warning.Reason, warning.Message));
        Assert.Equal("ErrImageNeverPull", JsonRead.Str(pod.Container(), "state", "waiting", "reason"));
        Assert.Equal(warning.Message, JsonRead.Str(pod.Container(), "state", "waiting", "message"));
        Assert.Equal("Pending", pod.Phase);
        Assert.Null(pod.Last.NextDue);
    }

    [Fact]
    public void Pull_policy_Never_with_the_image_present_starts()
    {
        var pod = new PodTimeline(PodOf(C(policy: "Never")));
        pod.Images["docker.io/library/nginx:1.25"] = T0.AddMinutes(-1);

        pod.Sync(T0);

        Assert.Equal(["Pulled", "Created", "Started"], pod.Reasons);
    }

    [Fact]
    public void An_invalid_image_waits_with_InvalidImageName_until_the_image_is_fixed()
    {
        var pod = new PodTimeline(PodOf(C(image: "Nginx:1.25")));

        pod.Sync(T0);

        var warning = Assert.Single(pod.Last.Events);
        Assert.Equal((KubeletEvent.Warning, "InspectFailed"), (warning.Type, warning.Reason));
        Assert.Contains("repository name must be lowercase", warning.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidImageName", JsonRead.Str(pod.Container(), "state", "waiting", "reason"));
        Assert.Equal(warning.Message, JsonRead.Str(pod.Container(), "state", "waiting", "message"));

        pod.Sync(T0.AddSeconds(5));
        Assert.Empty(pod.Reasons);

        pod.Pod = pod.Pod with { Containers = [C()] };
        pod.Sync(T0.AddSeconds(10));
        Assert.Equal(["Pulling", "Pulled", "Created", "Started"], pod.Reasons);
        Assert.Equal(0, JsonRead.Int(pod.Container(), "restartCount"));
        Assert.Equal("Running", pod.Phase);
    }

    [Fact]
    public void Container_statuses_are_sorted_by_name_and_each_container_gets_its_own_id()
    {
        var pod = new PodTimeline(PodOf(C("web"), C("app", "redis:7")));

        pod.Sync(T0);

        Assert.Equal(["app", "web"], JsonRead.Objects(pod.Status, "containerStatuses").Select(c => JsonRead.Str(c, "name")));
        Assert.NotEqual(JsonRead.Str(pod.Container("app"), "containerID"), JsonRead.Str(pod.Container("web"), "containerID"));
        Assert.Equal("docker.io/library/redis:7", JsonRead.Str(pod.Container("app"), "image"));
    }

    [Fact]
    public void Container_ids_are_stable_for_the_same_pod_and_attempt()
    {
        var once = new PodTimeline(PodOf(C()));
        var again = new PodTimeline(PodOf(C()));

        once.Sync(T0);
        again.Sync(T0.AddHours(1));

        Assert.Equal(JsonRead.Str(once.Container(), "containerID"), JsonRead.Str(again.Container(), "containerID"));
    }

    [Fact]
    public void A_sandbox_without_an_address_leaves_the_pod_ContainerCreating_with_a_warning_until_one_is_assigned()
    {
        var pod = new PodTimeline(PodOf(C())) { NextNetwork = IpAssignment.Refused("requested IP 10.244.2.7 is already in use by pod default/other") };

        pod.Sync(T0);

        var warning = Assert.Single(pod.Last.Events);
        Assert.Equal((KubeletEvent.Warning, "FailedCreatePodSandBox", null), (warning.Type, warning.Reason, warning.FieldPath));
        Assert.StartsWith("Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("requested IP 10.244.2.7 is already in use by pod default/other", warning.Message, StringComparison.Ordinal);
        Assert.Equal("Pending", pod.Phase);
        Assert.Equal("ContainerCreating", JsonRead.Str(pod.Container(), "state", "waiting", "reason"));
        Assert.False(JsonRead.Has(pod.Status, "podIP"));
        Assert.Equal("False", pod.ConditionStatus("PodReadyToStartContainers"));
        Assert.Equal("2025-03-01T12:00:00Z", JsonRead.Str(pod.Status, "startTime"));
        Assert.True(KubeletPlanner.NeedsNetwork(pod.Pod, pod.Record));

        pod.NextNetwork = new IpAssignment("10.244.2.7", null);
        pod.Sync(T0.AddSeconds(30));

        Assert.Equal("Running", pod.Phase);
        Assert.Equal("10.244.2.7", JsonRead.Str(pod.Status, "podIP"));
        Assert.Equal("2025-03-01T12:00:00Z", JsonRead.Str(pod.Status, "startTime"));
        Assert.False(KubeletPlanner.NeedsNetwork(pod.Pod, pod.Record));
    }

    [Fact]
    public void A_sync_with_nothing_new_changes_nothing()
    {
        var pod = new PodTimeline(PodOf(C()));
        pod.Sync(T0);
        var status = pod.Status.DeepClone();

        pod.Sync(T0.AddMinutes(10));

        Assert.Empty(pod.Last.Events);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(status, pod.Status));
        Assert.Null(pod.Last.NextDue);
    }

    [Fact]
    public void A_pod_the_API_shows_finished_is_left_alone_and_its_address_released()
    {
        var pod = new PodTimeline(PodOf(C()) with { Phase = "Succeeded" });

        var plan = pod.Sync(T0);

        Assert.False(plan.WriteStatus);
        Assert.True(plan.ReleaseNetwork);
        Assert.Empty(plan.Events);
        Assert.False(KubeletPlanner.NeedsNetwork(pod.Pod, null));
    }
}
