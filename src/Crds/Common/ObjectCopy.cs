using k8s;

namespace Kruise.Actors.Crds.Common;

/// <summary>Deep copies through KubernetesClient's own JSON form, so a copy has exactly the fields the API would see.</summary>
public static class ObjectCopy
{
    public static T Clone<T>(T value) where T : class =>
        KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));
}
