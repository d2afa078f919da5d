using Akka.Actor;
using Akka.Configuration;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Tests.Kube;

/// <summary>What watchers send between replicas survives the wire, typed by kind.</summary>
public sealed class ObservationSerializerTests() : Akka.TestKit.Xunit2.TestKit(BootstrapSetup.Create()
    .WithConfig(ConfigurationFactory.ParseString("akka.actor.serialize-messages = off"))
    .And(EventSerializer.Setup(new EventRegistry(), [WatchedResource.Pods, WatchedResource.CloneSets])))
{
    private T RoundTrip<T>(T message) where T : class
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<ObservationSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return (T)Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
    }

    [Fact]
    public void A_pod_observation_round_trips_as_a_typed_pod()
    {
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = "web-abcde", NamespaceProperty = "default", ResourceVersion = "42", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Status = new V1PodStatus { Phase = "Running", PodIP = "10.244.0.7" },
        };

        var back = RoundTrip(new ObjectObserved("Pod", pod));

        var decoded = Assert.IsType<V1Pod>(back.Object);
        Assert.Equal(("web-abcde", "42", "web", "10.244.0.7"), (decoded.Metadata.Name, decoded.Metadata.ResourceVersion, decoded.Metadata.Labels["app"], decoded.Status.PodIP));
    }

    [Fact]
    public void CloneSet_deletes_sync_markers_and_resync_requests_round_trip()
    {
        var cloneSet = new CloneSet { ApiVersion = "apps.kruise.io/v1alpha1", Kind = "CloneSet", Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "ns" }, Spec = new CloneSetSpec { Replicas = 3 } };

        var deleted = RoundTrip(new ObjectDeleted("CloneSet", cloneSet));

        Assert.Equal(3, Assert.IsType<CloneSet>(deleted.Object).Spec.Replicas);
        Assert.Equal(new ObservationsSynced("Pod"), RoundTrip(new ObservationsSynced("Pod")));
        Assert.Equal(new ResyncRequest(new EntityId("CloneSet", "ns", "web")), RoundTrip(new ResyncRequest(new EntityId("CloneSet", "ns", "web"))));
    }
}
