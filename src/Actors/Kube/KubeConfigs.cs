using k8s;
using k8s.Exceptions;

namespace Kruise.Actors.Kube;

/// <summary>Where the controller finds its API server.</summary>
public static class KubeConfigs
{
    /// <summary>
    /// The given kubeconfig; without one, the in-cluster service account when running in a pod,
    /// else $KUBECONFIG or ~/.kube/config as kubectl would. Throws <see cref="KubeConfigException"/> with the reason.
    /// </summary>
    public static KubernetesClientConfiguration Load(string? kubeconfig)
    {
        if (kubeconfig is not null)
        {
            if (!File.Exists(kubeconfig))
                throw new KubeConfigException($"kubeconfig {kubeconfig} does not exist");
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        }
        if (KubernetesClientConfiguration.IsInCluster())
            return KubernetesClientConfiguration.InClusterConfig();
        var fallback = Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } env
            ? env.Split(Path.PathSeparator)[0]
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (!File.Exists(fallback))
            throw new KubeConfigException($"not running in a cluster and no kubeconfig given (--kubeconfig), nor found at {fallback}");
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(fallback);
    }
}
