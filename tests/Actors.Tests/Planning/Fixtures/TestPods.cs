using Kruise.Actors.Planning.Common;
using System.Collections.Immutable;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Tests.Planning.Fixtures;

/// <summary>One-line pods in the states deletion order and availability care about.</summary>
public static class TestPods
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static ObservedPod Running(string name, string revision = "web-rev1", string node = "node-1", int readyForSeconds = 600) => new()
    {
        Name = name,
        Uid = "uid-" + name,
        Labels = ImmutableDictionary<string, string>.Empty
            .Add("app", "web")
            .Add(ControllerRevisionFactory.PodRevisionLabel, revision)
            .Add(CloneSet.InstanceIdLabel, name.Split('-').Last()),
        Phase = "Running",
        NodeName = node,
        Ready = true,
        ReadySince = T0.AddSeconds(-readyForSeconds),
        InPlaceUpdateReady = true,
        CreatedAt = T0.AddSeconds(-readyForSeconds - 10),
        OwnerUid = TestCloneSets.Uid,
    };

    public static ObservedPod NotReady(string name, string revision = "web-rev1", string node = "node-1") =>
        Running(name, revision, node) with { Ready = false, ReadySince = null };

    public static ObservedPod Pending(string name, string revision = "web-rev1", string node = "node-1") =>
        NotReady(name, revision, node) with { Phase = "Pending" };

    public static ObservedPod Unscheduled(string name, string revision = "web-rev1") =>
        Pending(name, revision) with { NodeName = "" };

    public static ObservedPod WithLabel(this ObservedPod pod, string key, string value) => pod with { Labels = pod.Labels.SetItem(key, value) };

    public static ObservedPod WithAnnotation(this ObservedPod pod, string key, string value) => pod with { Annotations = pod.Annotations.SetItem(key, value) };
}
