using System.Security.Cryptography;
using System.Text;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>The kubelet's event reasons and texts (Kubernetes 1.32 wording) and the runtime's identifiers.</summary>
public static class KubeletMessages
{
    public const string Pulling = "Pulling";
    public const string Pulled = "Pulled";
    public const string Created = "Created";
    public const string Started = "Started";
    public const string Killing = "Killing";
    public const string BackOff = "BackOff";
    public const string InspectFailed = "InspectFailed";
    public const string ErrImageNeverPull = "ErrImageNeverPull";
    public const string FailedCreatePodSandBox = "FailedCreatePodSandBox";

    public static string PullingImage(string image) => $"Pulling image \"{image}\"";

    public static string PulledImage(string image, TimeSpan took, long size) =>
        $"Successfully pulled image \"{image}\" in {GoDuration.Format(took)} ({GoDuration.Format(took)} including waiting). Image size: {size} bytes.";

    public static string AlreadyPresent(string image) => $"Container image \"{image}\" already present on machine";

    public static string NeverPull(string image) => $"Container image \"{image}\" is not present with pull policy of Never";

    public static string CreatedContainer(string name) => $"Created container: {name}";

    public static string StartedContainer(string name) => $"Started container {name}";

    public static string StoppingContainer(string name) => $"Stopping container {name}";

    public static string DefinitionChanged(string name) => $"Container {name} definition changed, will be restarted";

    public static string BackOffEvent(string name, PodView pod) => $"Back-off restarting failed container {name} in pod {pod.Name}_{pod.Namespace}({pod.Uid})";

    public static string BackOffWaiting(string name, TimeSpan delay, PodView pod) =>
        $"back-off {GoDuration.Format(delay)} restarting failed container={name} pod={pod.Name}_{pod.Namespace}({pod.Uid})";

    public static string SandboxFailed(PodView pod, string why) =>
        $"Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"{SandboxId(pod.Uid)}\": plugin type=\"simulated-cni\" failed (add): {why}";

    /// <summary>containerd://64 hex: stable for one pod, container name and attempt, different for every new container.</summary>
    public static string ContainerId(string podUid, string name, int attempt) => "containerd://" + Sha256Hex($"{podUid}/{name}/{attempt}");

    public static string SandboxId(string podUid) => Sha256Hex("sandbox/" + podUid);

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
