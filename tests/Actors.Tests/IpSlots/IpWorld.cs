using System.Globalization;
using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.IpSlots;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.IpSlots;

/// <summary>
/// A CloneSet opted in to retain-pod-ip in the planner's test world, plus a CNI as the embedded
/// cluster's: a pod on a node gets the IP it requests (Calico annotation) when nobody holds it,
/// waits while someone does, else gets the next address.
/// </summary>
internal sealed class IpWorld
{
    private int _next = 1;

    public IpWorld(int replicas, Action<CloneSetSpec>? configure = null, bool optIn = true)
    {
        var cloneSet = TestCloneSets.New(replicas, configure);
        if (optIn)
            cloneSet.Metadata.Annotations = new Dictionary<string, string> { [RetainIpSettings.OptInAnnotation] = "true" };
        World = new CloneSetWorld(cloneSet, Options) { Api = c => c is PatchObject { Target.Kind: "CloneSet" } patch ? Annotate(patch) : null };
    }

    public static CloneSetPlannerOptions Options { get; } = new()
    {
        RetainIp = new RetainIpSettings { HoldTime = TimeSpan.FromMinutes(2), WaitBeforeWarning = TimeSpan.FromSeconds(10) },
    };

    public CloneSetWorld World { get; }

    /// <summary>IPs the CNI treats as taken by someone outside the CloneSet.</summary>
    public HashSet<string> Foreign { get; } = [];

    /// <summary>Live pods and their IPs.</summary>
    public Dictionary<string, string?> Ips => World.Pods.Values.Where(p => !p.Deleting).ToDictionary(p => p.Name, p => p.PodIp);

    public string? Requested(string pod) =>
        World.PodBodies.TryGetValue(pod, out var body) && body.Metadata.Annotations?.TryGetValue(RequestedIpFormat.Calico.Annotation, out var value) == true
            ? JsonNode.Parse(value)!.AsArray()[0]!.GetValue<string>()
            : null;

    public string? RetainedIps => World.CloneSet.Metadata.Annotations?.TryGetValue(RetainIpSettings.RetainedIpsAnnotation, out var value) == true ? value : null;

    /// <summary>Steps, making pods ready and giving them IPs, until nothing changes.</summary>
    public void Settle(int maxSteps = 80)
    {
        for (var step = 0; step < maxSteps; step++)
        {
            var decision = World.Step();
            var changed = World.MakeAllReady() + AssignIps();
            if (changed == 0 && decision.Events.Count == 0 && decision.Commands.All(c => c is RecordEvent))
                return;
        }
        throw new InvalidOperationException("the CloneSet did not settle");
    }

    private int AssignIps()
    {
        var assigned = 0;
        foreach (var pod in World.Pods.Values.Where(p => p.NodeName.Length > 0 && p.PodIp is null && !p.Deleting).ToList())
        {
            string ip;
            if (Requested(pod.Name) is { } wanted)
            {
                if (Foreign.Contains(wanted) || World.Pods.Values.Any(p => p.PodIp == wanted))
                    continue;
                ip = wanted;
            }
            else
            {
                do
                    ip = string.Create(CultureInfo.InvariantCulture, $"10.0.0.{_next++}");
                while (Foreign.Contains(ip));
            }
            World.Pods[pod.Name] = pod with { PodIp = ip };
            assigned++;
        }
        return assigned;
    }

    private CommandOutcome Annotate(PatchObject patch)
    {
        var value = JsonNode.Parse(patch.Patch)!["metadata"]!["annotations"]![RetainIpSettings.RetainedIpsAnnotation];
        var copy = ObjectCopy.Clone(World.CloneSet);
        copy.Metadata.Annotations ??= new Dictionary<string, string>();
        if (value is null)
            copy.Metadata.Annotations.Remove(RetainIpSettings.RetainedIpsAnnotation);
        else
            copy.Metadata.Annotations[RetainIpSettings.RetainedIpsAnnotation] = value.GetValue<string>();
        copy.Metadata.ResourceVersion = (long.Parse(copy.Metadata.ResourceVersion ?? "0", CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        World.CloneSet = copy;
        return new CommandOutcome(patch.Id, patch.Target, CommandStatus.Done);
    }
}
