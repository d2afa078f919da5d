namespace Kruise.Actors.LocalCluster.Simulation;

/// <summary>
/// Names shared by the simulated nodes, scheduler, kubelet and CNI (and by users, who set the
/// annotations with kubectl). The simulation's own keys live under local.kruise-actors.io.
/// </summary>
public static class SimulationConventions
{
    /// <summary>Label on every Node the simulation runs a kubelet for.</summary>
    public const string SimulatedNodeLabel = "local.kruise-actors.io/simulated";

    /// <summary>Annotation on a Node: "true" stops its kubelet (no lease renewals, no pod work) until removed.</summary>
    public const string NodeStoppedAnnotation = "local.kruise-actors.io/stopped";

    /// <summary>
    /// Annotation on a pod with restartPolicy Never/OnFailure: seconds its containers run before exiting (e.g. "5").
    /// With restartPolicy Always they exit as well and are restarted (with crash-loop back-off).
    /// </summary>
    public const string RunSecondsAnnotation = "local.kruise-actors.io/run-seconds";

    /// <summary>Annotation on such a pod: the exit code its containers end with ("0" by default; non-zero fails the pod).</summary>
    public const string ExitCodeAnnotation = "local.kruise-actors.io/exit-code";

    /// <summary>Calico's requested-IP annotation: a JSON list with one address, e.g. ["10.244.1.7"].</summary>
    public const string RequestedIpAnnotation = "cni.projectcalico.org/ipAddrs";

    public const string ZoneLabel = "topology.kubernetes.io/zone";
    public const string HostnameLabel = "kubernetes.io/hostname";
    public const string DefaultSchedulerName = "default-scheduler";

    /// <summary>The cluster's pod network; node i (from 0) gets 10.244.i.0/24 as its podCIDR.</summary>
    public const string ClusterPodCidr = "10.244.0.0/16";
}
