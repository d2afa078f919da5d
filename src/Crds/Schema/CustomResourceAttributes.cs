namespace Kruise.Actors.Crds.Schema;

/// <summary>Names and scope of a served kind, as they appear in its CustomResourceDefinition.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CustomResourceAttribute(string group, string kind, string plural) : Attribute
{
    public string Group { get; } = group;
    public string Kind { get; } = kind;
    public string Plural { get; } = plural;

    /// <summary>Served versions, storage version first.</summary>
    public string[] Versions { get; init; } = ["v1alpha1"];
    public string[] ShortNames { get; init; } = [];
    public string[] Categories { get; init; } = ["kruise"];
    public bool Namespaced { get; init; } = true;
    public bool StatusSubresource { get; init; } = true;
}

/// <summary>The scale subresource (kubectl scale, HPA) and where it reads and writes replicas.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ScaleSubresourceAttribute : Attribute
{
    public string SpecReplicasPath { get; init; } = ".spec.replicas";
    public string StatusReplicasPath { get; init; } = ".status.replicas";
    public string? LabelSelectorPath { get; init; } = ".status.labelSelector";
}

/// <summary>
/// A column of `kubectl get` (additionalPrinterColumns). Reflection does not promise attribute
/// order, so each column states its position.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(int order, string name, string type, string jsonPath) : Attribute
{
    public int Order { get; } = order;
    public string Name { get; } = name;
    public string Type { get; } = type;
    public string JsonPath { get; } = jsonPath;
    public string? Description { get; init; }

    /// <summary>0 shows always; 1 only with `-o wide`.</summary>
    public int Priority { get; init; }
}
