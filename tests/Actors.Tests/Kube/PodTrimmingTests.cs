using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.InPlace;
using Kruise.Actors.Planning.Pods;

namespace Kruise.Actors.Tests.Kube;

public sealed class PodTrimmingTests
{
    // A CloneSet pod as an API server returns it once it runs: defaulted spec, managedFields, full status.
    private const string FullPod = """
        {
          "apiVersion": "v1", "kind": "Pod",
          "metadata": {
            "name": "web-abcde", "namespace": "shop", "uid": "u-1", "resourceVersion": "42", "generation": 1,
            "creationTimestamp": "2026-11-27T10:00:00Z",
            "labels": { "app": "web", "controller-revision-hash": "web-7f9", "apps.kruise.io/pod-template-hash": "7f9" },
            "annotations": { "apps.kruise.io/inplace-update-state": "{\"revision\":\"web-7f9\"}", "kubectl.kubernetes.io/last-applied-configuration": "{\"huge\":true}" },
            "finalizers": [ "example.com/hook" ],
            "ownerReferences": [ { "apiVersion": "apps.kruise.io/v1alpha1", "kind": "CloneSet", "name": "web", "uid": "cs-1", "controller": true, "blockOwnerDeletion": true } ],
            "managedFields": [ { "manager": "kruise-actors", "operation": "Update", "apiVersion": "v1", "time": "2026-11-27T10:00:00Z", "fieldsType": "FieldsV1", "fieldsV1": { "f:metadata": { "f:labels": { ".": {}, "f:app": {} } } } } ]
          },
          "spec": {
            "nodeName": "node-7", "restartPolicy": "Always", "dnsPolicy": "ClusterFirst", "schedulerName": "default-scheduler", "serviceAccountName": "default",
            "terminationGracePeriodSeconds": 30, "enableServiceLinks": true, "priority": 0,
            "readinessGates": [ { "conditionType": "InPlaceUpdateReady" } ],
            "tolerations": [ { "key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300 } ],
            "volumes": [ { "name": "kube-api-access", "projected": { "sources": [ { "serviceAccountToken": { "path": "token", "expirationSeconds": 3607 } } ] } } ],
            "containers": [
              { "name": "main", "image": "nginx:1.25", "imagePullPolicy": "IfNotPresent", "env": [ { "name": "A", "value": "1" } ],
                "resources": { "limits": { "cpu": "1" } }, "volumeMounts": [ { "name": "kube-api-access", "mountPath": "/var/run/secrets" } ] },
              { "name": "sidecar", "image": "envoy:1.30" }
            ]
          },
          "status": {
            "phase": "Running", "podIP": "10.0.7.12", "podIPs": [ { "ip": "10.0.7.12" } ], "hostIP": "172.16.0.7", "qosClass": "Burstable",
            "startTime": "2026-11-27T10:00:01Z",
            "conditions": [
              { "type": "InPlaceUpdateReady", "status": "True", "lastTransitionTime": "2026-11-27T10:00:00Z" },
              { "type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-27T10:00:05Z" },
              { "type": "KruisePodReady", "status": "False", "reason": "Hook", "message": "[\"pre-delete\"]", "lastTransitionTime": "2026-11-27T10:00:06Z" }
            ],
            "containerStatuses": [
              { "name": "main", "image": "nginx:1.25", "imageID": "docker.io/nginx@sha256:aa", "ready": true, "restartCount": 2, "started": true,
                "containerID": "containerd://1", "state": { "running": { "startedAt": "2026-11-27T10:00:02Z" } } },
              { "name": "sidecar", "image": "envoy:1.30", "imageID": "docker.io/envoy@sha256:bb", "ready": true, "restartCount": 0 }
            ]
          }
        }
        """;

    private static readonly string[] MetadataMaps = ["labels", "annotations", "ownerReferences", "finalizers"];

    private static V1Pod Decoded(string json, Func<V1Pod, V1Pod>? trim = null)
    {
        using var doc = JsonDocument.Parse(json);
        var pod = k8s.KubernetesJson.Deserialize<V1Pod>(doc.RootElement);
        return trim is null ? pod : trim(pod);
    }

    private static string Variant(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(FullPod)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    public static TheoryData<string, string> Pods => new()
    {
        { "running, two containers, three conditions", FullPod },
        { "being deleted", Variant(p => p["metadata"]!["deletionTimestamp"] = "2026-11-27T11:00:00Z") },
        { "not scheduled, no status", Variant(p => { p["spec"]!.AsObject().Remove("nodeName"); p.Remove("status"); }) },
        { "no readiness gates, labels, annotations or owner", Variant(p =>
            {
                p["spec"]!.AsObject().Remove("readinessGates");
                foreach (var name in MetadataMaps)
                    p["metadata"]!.AsObject().Remove(name);
            }) },
        { "pending, containers not started", Variant(p => p["status"] = new JsonObject { ["phase"] = "Pending" }) },
        { "with the kubelet's conditions too", Variant(p => p["status"]!["conditions"] = KubeletConditions()) },
        { "only conditions no planner reads", Variant(p => p["status"]!["conditions"] = new JsonArray(
            KubeletConditions().Select(c => c!.DeepClone()).Where(c => c["type"]!.GetValue<string>() is "PodScheduled" or "Initialized").ToArray())) },
        { "in-place update started: InPlaceUpdateReady False with a reason, not Ready", Variant(p => p["status"]!["conditions"] = JsonNode.Parse("""
            [ { "type": "Ready", "status": "False", "reason": "ReadinessGatesNotReady", "lastTransitionTime": "2026-11-27T10:10:00Z" },
              { "type": "InPlaceUpdateReady", "status": "False", "reason": "StartInPlaceUpdate", "lastTransitionTime": "2026-11-27T10:09:59Z" } ]
            """)) },
    };

    // What a kubelet reports, in its order, besides Kruise's two conditions.
    private static JsonArray KubeletConditions() => JsonNode.Parse("""
        [ { "type": "PodReadyToStartContainers", "status": "True", "lastTransitionTime": "2026-11-27T10:00:02Z" },
          { "type": "Initialized", "status": "True", "lastTransitionTime": "2026-11-27T10:00:01Z" },
          { "type": "InPlaceUpdateReady", "status": "True", "lastTransitionTime": "2026-11-27T10:00:00Z" },
          { "type": "KruisePodReady", "status": "True", "lastTransitionTime": "2026-11-27T10:00:03Z" },
          { "type": "Ready", "status": "True", "lastTransitionTime": "2026-11-27T10:00:05Z" },
          { "type": "ContainersReady", "status": "True", "lastTransitionTime": "2026-11-27T10:00:04Z" },
          { "type": "PodScheduled", "status": "True", "lastTransitionTime": "2026-11-27T10:00:00Z" } ]
        """)!.AsArray();

    // What a planner sees, as text: two pods the planners cannot tell apart give the same text.
    private static string Seen(V1Pod pod)
    {
        var observed = ObservedPod.From(pod);
        var inPlace = InPlacePod.From(pod);
        return JsonSerializer.Serialize(new
        {
            observed = observed with { Labels = ImmutableDictionary<string, string>.Empty, Annotations = ImmutableDictionary<string, string>.Empty },
            labels = observed.Labels.OrderBy(l => l.Key).ToList(),
            annotations = observed.Annotations.OrderBy(a => a.Key).ToList(),
            finalizers = observed.Finalizers.ToList(),
            inPlace = inPlace with { Labels = [], Annotations = [] },
            containers = inPlace.Containers.ToList(),
            inPlaceLabels = inPlace.Labels.OrderBy(l => l.Key).ToList(),
            inPlaceAnnotations = inPlace.Annotations.OrderBy(a => a.Key).ToList(),
        });
    }

    [Theory]
    [MemberData(nameof(Pods))]
    public void The_planners_see_a_trimmed_pod_as_they_see_the_full_one_but_for_the_last_applied_copy(string description, string json)
    {
        var trimmed = Decoded(json, PodTrimming.Trim);
        var full = Decoded(json);
        full.Metadata.Annotations?.Remove(PodTrimming.LastAppliedAnnotation);

        Assert.True(Seen(full) == Seen(trimmed), $"{description}:\n{Seen(full)}\n{Seen(trimmed)}");
    }

    [Theory]
    [MemberData(nameof(Pods))]
    public void A_trimmed_pod_keeps_its_identity_version_and_controller_owner(string description, string json)
    {
        var full = Decoded(json);
        var trimmed = Decoded(json, PodTrimming.Trim);

        Assert.Equal((full.Metadata.NamespaceProperty, full.Metadata.Name, full.Metadata.Uid, full.Metadata.ResourceVersion),
            (trimmed.Metadata.NamespaceProperty, trimmed.Metadata.Name, trimmed.Metadata.Uid, trimmed.Metadata.ResourceVersion));
        Assert.Equal(full.Metadata.OwnerReferences?.Select(o => (o.ApiVersion, o.Kind, o.Name, o.Uid, o.Controller)),
            trimmed.Metadata.OwnerReferences?.Select(o => (o.ApiVersion, o.Kind, o.Name, o.Uid, o.Controller)));
        Assert.Equal(full.Metadata.OwnerReferences is not null, Kruise.Actors.Entities.Pods.PodEntity.IsWorkloadPod(trimmed));
        Assert.False(string.IsNullOrEmpty(description));
    }

    [Theory]
    [MemberData(nameof(Pods))]
    public void Decoding_only_what_is_kept_gives_the_same_pod_as_trimming_the_full_one(string description, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var narrow = PodTrimming.Decode(doc.RootElement);
        var trimmed = Decoded(json, PodTrimming.Trim);

        Assert.Equal(k8s.KubernetesJson.Serialize(trimmed), k8s.KubernetesJson.Serialize(narrow));
        Assert.False(string.IsNullOrEmpty(description));
    }

    [Fact]
    public void The_narrow_decoding_leaves_the_shared_serializer_whole()
    {
        using var doc = JsonDocument.Parse(FullPod);
        Assert.Null(doc.RootElement.Deserialize<V1Pod>(PodTrimming.DecodeOptions)!.Spec.Volumes);

        var full = k8s.KubernetesJson.Deserialize<V1Pod>(doc.RootElement);
        Assert.NotNull(full.Spec.Volumes);
        Assert.NotNull(full.Metadata.ManagedFields);
    }

    [Fact]
    public void What_no_planner_reads_is_not_kept()
    {
        var trimmed = Decoded(FullPod, PodTrimming.Trim);

        Assert.Null(trimmed.Metadata.ManagedFields);
        Assert.False(trimmed.Metadata.Annotations!.ContainsKey(PodTrimming.LastAppliedAnnotation));
        Assert.Null(trimmed.Spec.Volumes);
        Assert.Null(trimmed.Spec.Tolerations);
        Assert.All(trimmed.Spec.Containers, c => Assert.Null(c.Env));
        Assert.Null(trimmed.Status.PodIPs);
        Assert.All(trimmed.Status.ContainerStatuses, s => Assert.Null(s.State));
    }

    [Fact]
    public void Only_the_conditions_a_planner_reads_are_kept_in_their_order()
    {
        var trimmed = Decoded(Variant(p => p["status"]!["conditions"] = KubeletConditions()), PodTrimming.Trim);

        Assert.Equal(["InPlaceUpdateReady", "KruisePodReady", "Ready"], trimmed.Status.Conditions.Select(c => c.Type));
        Assert.Null(Decoded(Variant(p => p["status"]!["conditions"] = new JsonArray()), PodTrimming.Trim).Status.Conditions);
    }

    [Fact]
    public void Every_kept_list_is_an_array_of_exactly_its_items()
    {
        var pod = Decoded(FullPod, PodTrimming.Trim);

        // A List<T> built by Select carries a second object and spare capacity; 10,000 pods hold six lists each.
        Assert.Equal(2, Assert.IsType<V1Container[]>(pod.Spec.Containers).Length);
        Assert.Single(Assert.IsType<V1PodReadinessGate[]>(pod.Spec.ReadinessGates));
        Assert.Equal(3, Assert.IsType<V1PodCondition[]>(pod.Status.Conditions).Length);
        Assert.Equal(2, Assert.IsType<V1ContainerStatus[]>(pod.Status.ContainerStatuses).Length);
        Assert.Single(Assert.IsType<V1OwnerReference[]>(pod.Metadata.OwnerReferences));
        Assert.Single(Assert.IsType<string[]>(pod.Metadata.Finalizers));
    }

    [Fact]
    public void Pods_decoded_apart_share_one_copy_of_each_string_they_repeat()
    {
        var pool = new StringPool(8192);
        var pods = Enumerable.Range(0, 100).Select(i => Decoded(Variant(p =>
        {
            p["metadata"]!["name"] = $"web-{i:00000}";
            p["metadata"]!["uid"] = $"u-{i}";
            p["status"]!["podIP"] = $"10.0.7.{i}";
        }), pod => PodTrimming.Trim(pod, pool))).ToList();
        var repeated = pods.Select(p => (IEnumerable<string>)[
            p.Metadata.NamespaceProperty, p.Kind, p.ApiVersion, p.Spec.NodeName, p.Status.Phase,
            .. p.Metadata.Labels.Keys, .. p.Metadata.Labels.Values, .. p.Metadata.Annotations.Keys, .. p.Metadata.Finalizers,
            .. p.Metadata.OwnerReferences.SelectMany(o => new[] { o.ApiVersion, o.Kind, o.Name, o.Uid }),
            .. p.Spec.Containers.SelectMany(c => new[] { c.Name, c.Image }),
            .. p.Status.ContainerStatuses.SelectMany(c => new[] { c.Name, c.Image, c.ImageID }),
            .. p.Status.Conditions.SelectMany(c => new[] { c.Type, c.Status }),
        ]).ToList();
        var perPod = repeated[0].Count();
        var instances = repeated.SelectMany(r => r).Distinct(ReferenceEqualityComparer.Instance).Count();

        // About one instance per distinct value, give or take a bucket another pod's own name or
        // uid passed through (string hashes differ per process); without the pool, every pod
        // would bring its own (100 x perPod).
        Assert.InRange(instances, 1, 2 * perPod);
        Assert.Equal(100, pods.Select(p => p.Metadata.Uid).Distinct().Count());
    }

    [Fact]
    public void The_watched_pods_resource_decodes_to_the_trimmed_pod()
    {
        using var doc = JsonDocument.Parse(FullPod);
        var pod = (V1Pod)WatchedResource.Pods.Decode(doc.RootElement);

        Assert.Null(pod.Metadata.ManagedFields);
        Assert.Equal(("v1", "Pod"), (pod.ApiVersion, pod.Kind));
        Assert.Equal(Seen(Decoded(FullPod, PodTrimming.Trim)), Seen(pod));
    }
}
