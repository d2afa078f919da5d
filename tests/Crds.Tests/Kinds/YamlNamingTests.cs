using System.Reflection;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Kruise.Actors.Crds.Tests.Kinds;

/// <summary>
/// KubernetesYaml ignores [JsonPropertyName] and camel-cases C# property names, so a YAML manifest
/// only reaches a field whose property name camel-cases to its JSON name (imageID needs ImageID).
/// </summary>
public class YamlNamingTests
{
    [Fact]
    public void Every_served_field_has_the_same_name_in_yaml_and_json()
    {
        var mismatches = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var kind in KruiseKinds.All)
            Walk(kind.Type, seen, mismatches);
        Assert.Empty(mismatches);
    }

    private static void Walk(Type type, HashSet<Type> seen, List<string> mismatches)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
                Walk(argument, seen, mismatches);
            return;
        }
        // Only our own types; KubernetesClient's models carry their own YAML aliases.
        if (type.Assembly != typeof(KruiseKinds).Assembly || !type.IsClass || !seen.Add(type))
            return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var json = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (json is not null && CamelCaseNamingConvention.Instance.Apply(property.Name) != json)
                mismatches.Add($"{type.Name}.{property.Name} is \"{json}\" in JSON but \"{CamelCaseNamingConvention.Instance.Apply(property.Name)}\" in YAML");
            Walk(property.PropertyType, seen, mismatches);
        }
    }
}
