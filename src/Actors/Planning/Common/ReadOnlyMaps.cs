using System.Collections.Immutable;
using System.Collections.ObjectModel;

namespace Kruise.Actors.Planning.Common;

/// <summary>
/// Label and annotation maps as planners hold them: never changed in place. A read-only map is
/// taken as it is (a trimmed pod's, which the watch cache and every entity already share);
/// anything else is copied, so a change to the object it came from cannot show through.
/// </summary>
public static class ReadOnlyMaps
{
    public static IReadOnlyDictionary<string, string> Of(IDictionary<string, string>? map) => map switch
    {
        null or { Count: 0 } => ImmutableDictionary<string, string>.Empty,
        ReadOnlyDictionary<string, string> readOnly => readOnly,
        _ => map.ToImmutableDictionary(),
    };

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public static IReadOnlyDictionary<string, string> SetItem(this IReadOnlyDictionary<string, string> map, string key, string value) =>
        Immutable(map).SetItem(key, value);

    /// <summary>A copy without <paramref name="key"/>.</summary>
    public static IReadOnlyDictionary<string, string> Remove(this IReadOnlyDictionary<string, string> map, string key) =>
        Immutable(map).Remove(key);

    private static ImmutableDictionary<string, string> Immutable(IReadOnlyDictionary<string, string> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map as ImmutableDictionary<string, string> ?? map.ToImmutableDictionary();
    }
}
