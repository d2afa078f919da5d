using k8s.Models;

namespace Kruise.Actors.LocalCluster.Resources;

/// <summary>
/// One served resource at one version: what discovery reports and what the handlers need to
/// know (scope, subresources, generation, printer columns, schema for custom resources).
/// </summary>
public sealed record ResourceType
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Plural { get; init; }
    public required string Kind { get; init; }
    public string Singular => Kind.ToLowerInvariant();
    public string ListKind => Kind + "List";
    public required bool Namespaced { get; init; }
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public bool HasStatus { get; init; }
    public ScalePaths? Scale { get; init; }

    /// <summary>Whether spec changes bump metadata.generation (workloads and every custom resource).</summary>
    public bool HasGeneration { get; init; }

    /// <summary>Extra subresources served beyond status and scale (pods: binding, eviction).</summary>
    public IReadOnlyList<string> ExtraSubresources { get; init; } = [];

    /// <summary>The storage version; objects are kept at it and relabelled when read at another served version.</summary>
    public required string StorageVersion { get; init; }

    public bool IsCustom { get; init; }
    public IReadOnlyList<V1CustomResourceColumnDefinition> PrinterColumns { get; init; } = [];
    public V1JSONSchemaProps? Schema { get; init; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public string GroupVersion => ApiVersion;
    public StorageKey Key => new(Group, Plural);

    public static readonly IReadOnlyList<string> AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}

/// <summary>Where a kind keeps its replica count and selector, for the scale subresource.</summary>
public sealed record ScalePaths(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);

/// <summary>Objects of one resource are stored once, whatever version they are served at.</summary>
public readonly record struct StorageKey(string Group, string Plural)
{
    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
