using System.Collections.Frozen;
using Kruise.Actors.LocalCluster.Protobuf.Schema;

namespace Kruise.Actors.LocalCluster.Protobuf;

/// <summary>
/// All message descriptors by name, and the top-level objects a protobuf body may carry.
/// Field numbers and types come from Kubernetes' generated.proto files; JSON names, order and
/// presence from the Go types' json tags (k8s.io/api and apimachinery).
/// </summary>
internal static class KubeSchema
{
    /// <summary>apiVersion and kind of each decodable object, and its message where that is not the kind.</summary>
    private static readonly (string ApiVersion, string Kind, string? Message)[] TopLevel =
    [
        ("v1", "Namespace", null),
        ("v1", "ConfigMap", null),
        ("v1", "Secret", null),
        ("v1", "ServiceAccount", null),
        ("v1", "Service", null),
        ("v1", "ResourceQuota", null),
        ("apps/v1", "Deployment", null),
        ("batch/v1", "Job", null),
        ("batch/v1", "CronJob", null),
        ("policy/v1", "PodDisruptionBudget", null),
        ("rbac.authorization.k8s.io/v1", "Role", null),
        ("rbac.authorization.k8s.io/v1", "ClusterRole", null),
        ("rbac.authorization.k8s.io/v1", "RoleBinding", null),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null),
        ("networking.k8s.io/v1", "Ingress", null),
        ("scheduling.k8s.io/v1", "PriorityClass", null),
        ("autoscaling/v1", "HorizontalPodAutoscaler", null),
        ("autoscaling/v2", "HorizontalPodAutoscaler", "HorizontalPodAutoscalerV2"),
        ("authentication.k8s.io/v1", "TokenRequest", null),
    ];

    public static FrozenDictionary<string, MessageDescriptor> Messages { get; } = BuildMessages();

    public static MessageDecoder Decoder { get; } = new(Messages);

    public static IReadOnlyList<string> SupportedKinds { get; } = [.. TopLevel.Select(t => $"{t.ApiVersion} {t.Kind}")];

    private static readonly FrozenDictionary<string, MessageDescriptor> TopLevelByKey =
        TopLevel.ToFrozenDictionary(t => Key(t.ApiVersion, t.Kind), t => Messages[t.Message ?? t.Kind]);

    public static bool TryGetTopLevel(string apiVersion, string kind, out MessageDescriptor message) =>
        TopLevelByKey.TryGetValue(Key(apiVersion, kind), out message!);

    private static string Key(string apiVersion, string kind) => $"{apiVersion}\n{kind}";

    private static FrozenDictionary<string, MessageDescriptor> BuildMessages()
    {
        var all = new Dictionary<string, MessageDescriptor>(StringComparer.Ordinal);
        IEnumerable<MessageDescriptor>[] tables =
        [
            MetaSchema.Messages(), CoreObjectSchema.Messages(), PodSpecSchema.Messages(), ContainerSchema.Messages(),
            SchedulingSchema.Messages(), VolumeSchema.Messages(), WorkloadSchema.Messages(), ClusterSchema.Messages(),
            AutoscalingSchema.Messages(),
        ];
        foreach (var message in tables.SelectMany(t => t))
        {
            if (!all.TryAdd(message.Name, message))
            {
                throw new InvalidOperationException($"message {message.Name} is described twice");
            }
        }
        // A typo in a table would otherwise surface only when a body reaches that field.
        foreach (var message in all.Values)
        {
            foreach (var field in message.Fields)
            {
                var needsType = field.Kind is FieldKind.Message or FieldKind.Inline;
                if (needsType != (field.MessageType is not null) || (needsType && !all.ContainsKey(field.MessageType!)))
                {
                    throw new InvalidOperationException($"{message.Name}.{field.JsonName}: bad message type {field.MessageType}");
                }
                if (field.Kind == FieldKind.Message && !field.Repeated && field.Presence == Presence.OmitEmpty)
                {
                    throw new InvalidOperationException($"{message.Name}.{field.JsonName}: Go never omits a struct; use Always or Pointer");
                }
            }
        }
        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
