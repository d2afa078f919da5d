using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Tests.Common;

public class KubernetesJsonMetadataTests
{
    [Fact]
    public void KubernetesJson_builds_metadata_by_reflection_and_choosing_again_is_harmless()
    {
        KubernetesJsonMetadata.UseReflection();
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        Assert.IsType<DefaultJsonTypeInfoResolver>(options!.TypeInfoResolver);
    }

    [Fact]
    public void A_pod_reads_and_writes_back_the_same_json()
    {
        // The forms KubernetesClient's own converters exist for: quantities, int-or-string,
        // timestamps with and without fractions, and a property whose C# name differs from its JSON name.
        const string json = """
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"web-0","namespace":"demo","creationTimestamp":"2026-11-28T09:00:00Z",
                         "deletionTimestamp":"2026-11-28T09:05:01.123456Z","labels":{"app":"web"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1.27",
                         "ports":[{"containerPort":80,"name":"http"}],
                         "resources":{"limits":{"cpu":"500m","memory":"128Mi"}},
                         "readinessProbe":{"httpGet":{"path":"/","port":"http"}}}]},
             "status":{"phase":"Running","podIP":"10.0.0.7",
                       "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-11-28T09:00:03Z"}]}}
            """;

        var pod = KubernetesJson.Deserialize<V1Pod>(json);

        Assert.Equal("demo", pod.Metadata.NamespaceProperty);
        Assert.Equal("500m", pod.Spec.Containers[0].Resources.Limits["cpu"].ToString());
        Assert.Equal("http", pod.Spec.Containers[0].ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal(new DateTime(2026, 11, 28, 9, 0, 3, DateTimeKind.Utc), pod.Status.Conditions[0].LastTransitionTime);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(KubernetesJson.Serialize(pod))), KubernetesJson.Serialize(pod));
    }
}
