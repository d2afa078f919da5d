namespace Kruise.Actors.Crds.Schema;

// Attributes the CRD generator reads to build the OpenAPI v3 schema. Field names come from
// [JsonPropertyName]; descriptions from System.ComponentModel's [Description].

/// <summary>The property must be present (OpenAPI "required").</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaRequiredAttribute : Attribute;

/// <summary>Inclusive lower bound of an integer property.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}

/// <summary>Inclusive upper bound of an integer property.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}

/// <summary>The allowed values of a string property.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumValuesAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}

/// <summary>
/// On a property: emit no structural schema for it, only x-kubernetes-preserve-unknown-fields,
/// as OpenKruise does for embedded pod and PVC templates (the webhook validates them).
/// On a class that extends a KubernetesClient model (SidecarContainer extends V1Container): emit
/// the properties the class itself declares plus x-kubernetes-preserve-unknown-fields, and nothing
/// for the inherited ones, as OpenKruise's schemaless inlined corev1.Container does.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;

/// <summary>Marks a nested object as a whole Kubernetes object (apiVersion/kind/metadata).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmbeddedResourceAttribute : Attribute;
