using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Kruise.Actors.LocalCluster.OpenApi;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>
/// The real apiserver decodes built-in objects into Go structs, so a field of the wrong type is a
/// 400 before anything is stored. Decoding into KubernetesClient's model of the kind does the same here.
/// </summary>
public static class BuiltinDecoding
{
    private static readonly MethodInfo Deserialize = typeof(KubernetesJson)
        .GetMethod(nameof(KubernetesJson.Deserialize), [typeof(string), typeof(JsonSerializerOptions)])!;

    private static readonly ConcurrentDictionary<Type, MethodInfo> Readers = new();

    public static void Check(ResourceType type, JsonObject obj)
    {
        if (type.IsCustom || ModelNames.ModelOf(type.Group, type.Version, type.Kind) is not { } model)
            return;
        var reader = Readers.GetOrAdd(model, m => Deserialize.MakeGenericMethod(m));
        try
        {
            reader.Invoke(null, [obj.ToJsonString(), null]);
        }
        catch (TargetInvocationException e) when (e.InnerException is JsonException or FormatException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {e.InnerException.Message}");
        }
    }
}
