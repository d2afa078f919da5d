using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// x-kubernetes-list-type uniqueness (apiextensions' listtype/validation.go): a "set" holds no value
/// twice, a "map" no two items with the same x-kubernetes-list-map-keys. Only the first repeat of
/// each value is reported. Paths use field.Path form: map keys in brackets ("spec.labels[a]").
/// </summary>
internal static class ListTypeValidation
{
    public static void Validate(string? path, SchemaNode? s, JsonObject? obj, List<FieldError> errors)
    {
        if (s is null || obj is null)
            return;
        if (s.AdditionalProperties is { } values)
        {
            foreach (var (key, value) in obj)
                ValidateValue(FieldPath.Key(path, key), values, value, errors);
        }
        foreach (var (key, value) in obj)
        {
            if (s.Property(key) is { } property)
                ValidateValue(FieldPath.Child(path, key), property, value, errors);
        }
    }

    private static void ValidateValue(string path, SchemaNode s, JsonNode? value, List<FieldError> errors)
    {
        switch (value)
        {
            case JsonArray list:
                ValidateArray(path, s, list, errors);
                break;
            case JsonObject map:
                Validate(path, s, map, errors);
                break;
        }
    }

    private static void ValidateArray(string path, SchemaNode s, JsonArray list, List<FieldError> errors)
    {
        switch (s.Source.XKubernetesListType)
        {
            case "set":
                foreach (var i in RepeatedIndexes(list.Select(Identity).ToList()))
                    errors.Add(FieldError.Duplicate(FieldPath.Index(path, i), JsonValues.GoValue(list[i])));
                break;
            case "map":
                ValidateMap(path, s, list, errors);
                break;
        }
        if (s.Items is { } items)
        {
            for (var i = 0; i < list.Count; i++)
                ValidateValue(FieldPath.Index(path, i), items, list[i], errors);
        }
    }

    private static void ValidateMap(string path, SchemaNode s, JsonArray list, List<FieldError> errors)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not (null or JsonObject))
            {
                errors.Add(FieldError.Invalid(FieldPath.Index(path, i), JsonValues.GoValue(list[i]), "must be an object for an array of list-type map"));
                return;
            }
        }
        if (list.Count <= 1)
            return;
        // Each item's key as an object of its key fields; a missing key field is simply absent.
        var keys = list.Select(item =>
        {
            var key = new JsonObject();
            foreach (var field in s.ListMapKeys)
            {
                if (item is JsonObject map && map.TryGetPropertyValue(field, out var value))
                    key[field] = value?.DeepClone();
            }
            return (JsonNode?)key;
        }).ToList();
        // With one key field the key values themselves are compared, so 1 and 1.0 differ as in Go.
        var identities = s.ListMapKeys.Count == 1
            ? keys.Select(k => ((JsonObject)k!).TryGetPropertyValue(s.ListMapKeys[0], out var v) ? Identity(v) : "unspecified").ToList()
            : keys.Select(Identity).ToList();
        foreach (var i in RepeatedIndexes(identities))
            errors.Add(FieldError.Duplicate(FieldPath.Index(path, i), keys[i]));
    }

    // validateListSet: the index of the second occurrence of each repeated value.
    private static List<int> RepeatedIndexes(List<string> identities)
    {
        var repeated = new List<int>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < identities.Count; i++)
        {
            seen.TryGetValue(identities[i], out var times);
            seen[identities[i]] = times + 1;
            if (times == 1)
                repeated.Add(i);
        }
        return repeated;
    }

    // Scalars compare as Go interface values (an int64 never equals a float64), compounds by JSON text.
    private static string Identity(JsonNode? value) => JsonValues.KindOf(value) switch
    {
        GoKind.Object or GoKind.Array => "c" + GoText.Json(value),
        var kind => (int)kind + GoText.Json(value),
    };
}
