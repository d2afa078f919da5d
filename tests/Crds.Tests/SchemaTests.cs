using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Tests;

/// <summary>The generated OpenAPI schemas: structural, complete against the samples, and with working printer columns.</summary>
public class SchemaTests
{
    [Theory]
    [MemberData(nameof(Samples.AllKinds), MemberType = typeof(Samples))]
    public void Schema_is_structural(string kindName)
    {
        var schema = Schema(Samples.Kind(kindName));
        var problems = new List<string>();
        CheckStructural(schema, "", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Samples.AllKinds), MemberType = typeof(Samples))]
    public void Every_field_of_the_sample_is_in_the_schema_and_every_schema_field_is_in_the_sample(string kindName)
    {
        var kind = Samples.Kind(kindName);
        var schema = Schema(kind);
        var samplePaths = Samples.Leaves(Samples.Raw(kind)).Select(l => Normalize(l.Path)).ToHashSet();

        var unknown = samplePaths.Where(p => !SchemaAccepts(schema, p)).ToList();
        Assert.True(unknown.Count == 0, $"sample fields the schema lacks: {string.Join(", ", unknown)}");

        var ownFields = OwnFieldPaths(kind.Type, "", []).ToList();
        var missingFromSchema = ownFields.Where(f => !SchemaAccepts(schema, f)).ToList();
        Assert.True(missingFromSchema.Count == 0, $"fields of the C# type the schema lacks: {string.Join(", ", missingFromSchema)}");
        var untested = ownFields.Where(f => !samplePaths.Any(p => p == f || p.StartsWith(f + ".", StringComparison.Ordinal) || p.StartsWith(f + "[", StringComparison.Ordinal))).ToList();
        Assert.True(untested.Count == 0, $"fields the sample never sets: {string.Join(", ", untested)}");
    }

    [Theory]
    [MemberData(nameof(Samples.AllKinds), MemberType = typeof(Samples))]
    public void Every_printer_column_resolves_on_the_sample(string kindName)
    {
        var kind = Samples.Kind(kindName);
        var json = JsonNode.Parse(KubernetesJson.Serialize(Samples.Typed(kind)))!;
        foreach (var column in kind.PrinterColumns.Where(c => !NeverResolves.Contains((kind.Kind, c.Name))))
            Assert.True(JsonPathLite.Select(json, column.JsonPath).Count > 0, $"{column.Name} ({column.JsonPath}) finds nothing");
    }

    // Columns copied from OpenKruise that no API server can fill: WorkloadSpread's Adaptive filters
    // a string ([?(@ == "Adaptive")]), and Kubernetes' JSONPath filters only lists, so the cell is
    // always empty. Kept for fidelity with OpenKruise's CRD.
    private static readonly HashSet<(string Kind, string Column)> NeverResolves = [("WorkloadSpread", "Adaptive")];

    [Fact]
    public void Int_or_string_fields_are_marked_so()
    {
        var spec = Schema(Samples.Kind("CloneSet")).Properties["spec"];
        var update = spec.Properties["updateStrategy"];
        foreach (var field in new[] { "partition", "maxUnavailable", "maxSurge" })
        {
            var schema = update.Properties[field];
            Assert.True(schema.XKubernetesIntOrString, field);
            Assert.Null(schema.Type);
            Assert.Equal(["integer", "string"], schema.AnyOf.Select(s => s.Type));
        }
        Assert.True(spec.Properties["scaleStrategy"].Properties["maxUnavailable"].XKubernetesIntOrString);
    }

    [Fact]
    public void CloneSet_schema_has_OpenKruise_constraints()
    {
        var spec = Schema(Samples.Kind("CloneSet")).Properties["spec"];
        Assert.Equal(["selector", "template"], spec.Required);
        Assert.Equal(0, spec.Properties["replicas"].Minimum);
        Assert.Equal(["ReCreate", "InPlaceIfPossible", "InPlaceOnly"], spec.Properties["updateStrategy"].Properties["type"].EnumProperty.Cast<string>());
        Assert.True(spec.Properties["template"].XKubernetesPreserveUnknownFields);
        var weight = ((V1JSONSchemaProps)spec.Properties["updateStrategy"].Properties["priorityStrategy"].Properties["weightPriority"].Items).Properties["weight"];
        Assert.Equal((1, 100), (weight.Minimum, weight.Maximum));
    }

    private static V1JSONSchemaProps Schema(KindInfo kind) =>
        CrdGenerator.Generate(kind).Spec.Versions[0].Schema.OpenAPIV3Schema;

    // Sample paths carry list indexes and map keys; schema paths carry neither.
    private static string Normalize(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", "[]");

    private static bool SchemaAccepts(V1JSONSchemaProps schema, string path)
    {
        if (path.StartsWith("metadata.", StringComparison.Ordinal))
            return true; // the API server's own ObjectMeta
        var node = schema;
        foreach (var step in path.Replace("[]", ".[]", StringComparison.Ordinal).Split('.'))
        {
            if (node.XKubernetesPreserveUnknownFields == true || node.XKubernetesIntOrString == true)
                return true;
            if (step == "[]")
                node = node.Items as V1JSONSchemaProps;
            else if (node.Properties?.TryGetValue(step, out var child) == true)
                node = child;
            else if (node.AdditionalProperties is V1JSONSchemaProps values)
            {
                // Map keys may contain dots (example.com/key): a map of scalars takes the rest of the path.
                if (values.Type is not ("object" or "array"))
                    return true;
                node = values;
            }
            else
                return false;
            if (node is null)
                return false;
        }
        return true;
    }

    /// <summary>Paths of every property our own types declare (KubernetesClient's models are leaves here).</summary>
    private static IEnumerable<string> OwnFieldPaths(Type type, string path, HashSet<Type> seen)
    {
        if (!seen.Add(type))
            yield break;
        // A class extending a KubernetesClient model (SidecarContainer) owns only what it declares.
        var flags = BindingFlags.Public | BindingFlags.Instance
            | (type.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null ? BindingFlags.DeclaredOnly : BindingFlags.Default);
        foreach (var property in type.GetProperties(flags))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (name is null || (path.Length == 0 && name is "apiVersion" or "kind" or "metadata"))
                continue;
            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var element = propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(IList<>)
                ? propertyType.GetGenericArguments()[0] : null;
            var nested = element ?? propertyType;
            if (nested.Assembly == typeof(KindInfo).Assembly && nested.IsClass && property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is null)
            {
                var any = false;
                foreach (var inner in OwnFieldPaths(nested, element is null ? childPath : childPath + "[]", seen))
                {
                    any = true;
                    yield return inner;
                }
                if (!any)
                    yield return childPath;
            }
            else
                yield return childPath;
        }
        seen.Remove(type);
    }

    private static void CheckStructural(V1JSONSchemaProps schema, string path, List<string> problems)
    {
        var open = schema.XKubernetesPreserveUnknownFields == true || schema.XKubernetesIntOrString == true;
        if (string.IsNullOrEmpty(schema.Type) && !open)
            problems.Add($"{path}: no type");
        if (schema.Type == "array" && schema.Items is not V1JSONSchemaProps)
            problems.Add($"{path}: array without items");
        if (schema.Properties is not null && schema.Type != "object")
            problems.Add($"{path}: properties on a non-object");
        foreach (var (name, child) in schema.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
            CheckStructural(child, $"{path}.{name}", problems);
        if (schema.Items is V1JSONSchemaProps item)
            CheckStructural(item, path + "[]", problems);
        if (schema.AdditionalProperties is V1JSONSchemaProps value)
            CheckStructural(value, path + ".*", problems);
        foreach (var required in schema.Required ?? [])
        {
            if (schema.Properties?.ContainsKey(required) != true)
                problems.Add($"{path}: requires unknown field {required}");
        }
    }
}
