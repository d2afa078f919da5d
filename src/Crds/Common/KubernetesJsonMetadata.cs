using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace Kruise.Actors.Crds.Common;

/// <summary>
/// Has KubernetesJson build a model's serialization metadata by reflection, for the models it is
/// asked about only. Out of the box its options ask KubernetesClient's source-generated context
/// first, and that context finds a type's metadata by comparing it with every model it knows:
/// its first use loads all ~1,100 model types (with their methods) into the runtime's loader
/// heaps, ~3 MB held for the life of a process that reads a few dozen of them. The result is the
/// same either way: the models carry their JSON names as attributes, and the options keep their
/// naming policy and converters.
/// </summary>
public static class KubernetesJsonMetadata
{
    /// <summary>
    /// Call before KubernetesJson's first use (its options cannot change after it); calling again is harmless.
    /// </summary>
    public static void UseReflection()
    {
        if (Options.TypeInfoResolver is DefaultJsonTypeInfoResolver)
            return;
        if (Options.IsReadOnly)
            throw new InvalidOperationException("KubernetesJson was used before its metadata resolver was chosen; call UseReflection first");
        Options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
    }

    /// <summary>
    /// KubernetesClient's own serializer options (its converters for quantities, dates and
    /// int-or-string, its naming policy). They are private; AddJsonOptions hands the instance over.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Capture();

    /// <summary>
    /// A copy of <see cref="Options"/> whose reflected metadata <paramref name="modify"/> may change
    /// (e.g. drop properties a reader never looks at, so the reader skips them instead of building them).
    /// </summary>
    public static JsonSerializerOptions With(Action<JsonTypeInfo> modify) => new(Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { modify } },
    };

    private static JsonSerializerOptions Capture()
    {
        JsonSerializerOptions? captured = null;
        KubernetesJson.AddJsonOptions(options => captured = options);
        return captured ?? throw new InvalidOperationException("KubernetesClient did not hand over its serializer options");
    }
}
