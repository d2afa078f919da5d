using static Kruise.Actors.LocalCluster.Protobuf.Fields;
using static Kruise.Actors.LocalCluster.Protobuf.Presence;

namespace Kruise.Actors.LocalCluster.Protobuf.Schema;

/// <summary>core/v1 pod scheduling constraints: affinity, tolerations, topology spread.</summary>
internal static class SchedulingSchema
{
    public static IEnumerable<MessageDescriptor> Messages() =>
    [
        Message("Affinity",
            Msg(1, "nodeAffinity", "NodeAffinity", Pointer),
            Msg(2, "podAffinity", "PodAffinity", Pointer),
            Msg(3, "podAntiAffinity", "PodAntiAffinity", Pointer)),
        Message("NodeAffinity",
            Msg(1, "requiredDuringSchedulingIgnoredDuringExecution", "NodeSelector", Pointer),
            Msgs(2, "preferredDuringSchedulingIgnoredDuringExecution", "PreferredSchedulingTerm")),
        Message("NodeSelector", Msgs(1, "nodeSelectorTerms", "NodeSelectorTerm", Always)),
        Message("NodeSelectorTerm",
            Msgs(1, "matchExpressions", "NodeSelectorRequirement"),
            Msgs(2, "matchFields", "NodeSelectorRequirement")),
        Message("NodeSelectorRequirement",
            Str(1, "key", Always),
            Str(2, "operator", Always),
            Strs(3, "values")),
        Message("PreferredSchedulingTerm",
            Int32(1, "weight", Always),
            Msg(2, "preference", "NodeSelectorTerm", Always)),
        Message("PodAffinity",
            Msgs(1, "requiredDuringSchedulingIgnoredDuringExecution", "PodAffinityTerm"),
            Msgs(2, "preferredDuringSchedulingIgnoredDuringExecution", "WeightedPodAffinityTerm")),
        Message("PodAntiAffinity",
            Msgs(1, "requiredDuringSchedulingIgnoredDuringExecution", "PodAffinityTerm"),
            Msgs(2, "preferredDuringSchedulingIgnoredDuringExecution", "WeightedPodAffinityTerm")),
        Message("PodAffinityTerm",
            Msg(1, "labelSelector", "LabelSelector", Pointer),
            Strs(2, "namespaces"),
            Str(3, "topologyKey", Always),
            Msg(4, "namespaceSelector", "LabelSelector", Pointer),
            Strs(5, "matchLabelKeys"),
            Strs(6, "mismatchLabelKeys")),
        Message("WeightedPodAffinityTerm",
            Int32(1, "weight", Always),
            Msg(2, "podAffinityTerm", "PodAffinityTerm", Always)),
        Message("Toleration",
            Str(1, "key"),
            Str(2, "operator"),
            Str(3, "value"),
            Str(4, "effect"),
            Int64(5, "tolerationSeconds", Pointer)),
        Message("TopologySpreadConstraint",
            Int32(1, "maxSkew", Always),
            Str(2, "topologyKey", Always),
            Str(3, "whenUnsatisfiable", Always),
            Msg(4, "labelSelector", "LabelSelector", Pointer),
            Int32(5, "minDomains", Pointer),
            Str(6, "nodeAffinityPolicy", Pointer),
            Str(7, "nodeTaintsPolicy", Pointer),
            Strs(8, "matchLabelKeys")),
    ];
}
