using static Kruise.Actors.LocalCluster.Protobuf.Fields;
using static Kruise.Actors.LocalCluster.Protobuf.Presence;

namespace Kruise.Actors.LocalCluster.Protobuf.Schema;

/// <summary>meta/v1 messages (k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto).</summary>
internal static class MetaSchema
{
    public static IEnumerable<MessageDescriptor> Messages() =>
    [
        Message("ObjectMeta",
            Str(1, "name"),
            Str(2, "generateName"),
            Str(3, "namespace"),
            Str(4, "selfLink"),
            Str(5, "uid"),
            Str(6, "resourceVersion"),
            Int64(7, "generation"),
            // omitzero since apimachinery 1.33; older kubectl prints "creationTimestamp": null,
            // which means the same thing and is left out here.
            Time(8, "creationTimestamp"),
            Time(9, "deletionTimestamp", Pointer),
            Int64(10, "deletionGracePeriodSeconds", Pointer),
            StrMap(11, "labels"),
            StrMap(12, "annotations"),
            Msgs(13, "ownerReferences", "OwnerReference"),
            Strs(14, "finalizers"),
            Msgs(17, "managedFields", "ManagedFieldsEntry")),
        Message("OwnerReference",
            Str(5, "apiVersion", Always),
            Str(1, "kind", Always),
            Str(3, "name", Always),
            Str(4, "uid", Always),
            Bool(6, "controller", Pointer),
            Bool(7, "blockOwnerDeletion", Pointer)),
        Message("ManagedFieldsEntry",
            Str(1, "manager"),
            Str(2, "operation"),
            Str(3, "apiVersion"),
            Time(4, "time", Pointer),
            Str(6, "fieldsType"),
            RawJson(7, "fieldsV1"),
            Str(8, "subresource")),
        Message("LabelSelector",
            StrMap(1, "matchLabels"),
            Msgs(2, "matchExpressions", "LabelSelectorRequirement")),
        Message("LabelSelectorRequirement",
            Str(1, "key", Always),
            Str(2, "operator", Always),
            Strs(3, "values")),
        Message("Condition",
            Str(1, "type", Always),
            Str(2, "status", Always),
            Int64(3, "observedGeneration"),
            Time(4, "lastTransitionTime", Always),
            Str(5, "reason", Always),
            Str(6, "message", Always)),
    ];
}
