using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Kruise.Actors.Kube;

/// <summary>Where the controller finds its API server.</summary>
public static class KubeConfigs
{
    // Only the kubeconfig types, read the way KubernetesClient reads them. Its own loader goes through
    // KubernetesYaml, whose first use builds attribute overrides for every API model (~4.6 MB kept for
    // the life of the process) that a controller never needs to read one file.
    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithAttemptingUnquotedStringTypeDeserialization()
        .IgnoreUnmatchedProperties()
        .Build();

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
            return FromFile(kubeconfig);
        }
        if (KubernetesClientConfiguration.IsInCluster())
            return KubernetesClientConfiguration.InClusterConfig();
        var fallback = Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } env
            ? env.Split(Path.PathSeparator)[0]
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (!File.Exists(fallback))
            throw new KubeConfigException($"not running in a cluster and no kubeconfig given (--kubeconfig), nor found at {fallback}");
        return FromFile(fallback);
    }

    /// <summary>
    /// A kubeconfig file's current context. Relative certificate and key paths are taken from the file's
    /// folder, as kubectl takes them.
    /// </summary>
    public static KubernetesClientConfiguration FromFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        K8SConfiguration? parsed;
        try
        {
            using var text = File.OpenText(fullPath);
            parsed = Reader.Deserialize<K8SConfiguration?>(new MergingParser(new Parser(text)));
        }
        catch (YamlException e)
        {
            throw new KubeConfigException($"kubeconfig {path} is not valid YAML: {e.Message}");
        }
        if (parsed is null)
            throw new KubeConfigException($"kubeconfig {path} is empty");
        parsed.FileName = fullPath;
        return KubernetesClientConfiguration.BuildConfigFromConfigObject(parsed);
    }
}
