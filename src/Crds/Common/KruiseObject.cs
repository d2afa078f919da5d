using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Kruise.Actors.Crds.Common;

/// <summary>
/// Base of every custom resource we serve: the Kubernetes envelope (apiVersion, kind, metadata)
/// plus a typed spec and status, so KubernetesClient's serializers and generic clients accept it.
/// </summary>
public abstract class KruiseObject<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus?>
    where TSpec : new()
    where TStatus : class
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TStatus? Status { get; set; }
}

/// <summary>The list envelope the API returns for a collection of one kind.</summary>
public sealed class KruiseList<T> : IKubernetesObject<V1ListMeta>, IItems<T>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<T> Items { get; set; } = [];
}
