using k8s.Models;

namespace Kruise.Actors.Crds.Common;

/// <summary>
/// The API server's own defaults for a pod template (core/v1 SetDefaults_PodSpec and friends).
/// Workloads apply them before hashing a revision, so a template with and without explicit
/// defaults hashes the same and a no-op edit never triggers a rollout.
/// </summary>
public static class PodTemplateDefaults
{
    public static void Apply(V1PodTemplateSpec? template, string restartPolicy = "Always")
    {
        var spec = template?.Spec;
        if (spec is null)
            return;
        spec.RestartPolicy ??= restartPolicy;
        spec.DnsPolicy ??= "ClusterFirst";
        spec.SchedulerName ??= "default-scheduler";
        spec.TerminationGracePeriodSeconds ??= 30;
        spec.SecurityContext ??= new V1PodSecurityContext();
        foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
            ApplyContainer(container);
    }

    /// <summary>Container-level defaults, also for containers that are not in a template (SidecarSet's).</summary>
    public static void ApplyContainer(V1Container container)
    {
        container.TerminationMessagePath ??= "/dev/termination-log";
        container.TerminationMessagePolicy ??= "File";
        container.ImagePullPolicy ??= DefaultPullPolicy(container.Image);
        foreach (var port in container.Ports ?? [])
            port.Protocol ??= "TCP";
    }

    /// <summary>The claim defaults workloads apply to their volumeClaimTemplates (volumeMode Filesystem).</summary>
    public static void ApplyClaim(V1PersistentVolumeClaim claim)
    {
        claim.Spec ??= new V1PersistentVolumeClaimSpec();
        claim.Spec.VolumeMode ??= "Filesystem";
    }

    /// <summary>Always for an untagged or :latest image, else IfNotPresent (digests count as tagged).</summary>
    public static string DefaultPullPolicy(string? image)
    {
        if (string.IsNullOrEmpty(image) || image.Contains('@', StringComparison.Ordinal))
            return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        if (colon < 0)
            return "Always";
        return image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }
}
