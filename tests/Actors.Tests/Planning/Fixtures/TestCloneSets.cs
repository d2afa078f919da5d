using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Tests.Planning.Fixtures;

/// <summary>CloneSets as a user would apply them: `web` in namespace `ns`, nginx, selector app=web.</summary>
public static class TestCloneSets
{
    public const string Namespace = "ns";
    public const string Name = "web";
    public const string Uid = "6f0c2d4e-uid-web";

    public static CloneSet New(int replicas = 1, Action<CloneSetSpec>? configure = null, string image = "nginx:1.25")
    {
        var cloneSet = new CloneSet
        {
            ApiVersion = "apps.kruise.io/v1alpha1",
            Kind = "CloneSet",
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace, Uid = Uid, Generation = 1, ResourceVersion = "1" },
            Spec = new CloneSetSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = Template(image),
            },
        };
        configure?.Invoke(cloneSet.Spec);
        return cloneSet;
    }

    /// <summary>The update revision name the controller gives this CloneSet's (defaulted) template.</summary>
    public static string RevisionName(CloneSet cloneSet, int collisionCount = 0) =>
        $"{cloneSet.Metadata.Name}-{RevisionData.FromTemplate(CloneSetDefaults.Apply(cloneSet).Spec.Template!).Hash(collisionCount)}";

    public static V1PodTemplateSpec Template(string image = "nginx:1.25") => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "nginx", Image = image }] },
    };

    public static V1PersistentVolumeClaim ClaimTemplate(string name = "data") => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity("1Gi") } },
        },
    };
}
