using System.Collections.Immutable;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Resources;

/// <summary>
/// Every resource the server serves right now: the built-ins plus one entry per served version
/// of each established CustomResourceDefinition. Readers see an immutable snapshot; CRD changes
/// swap it whole.
/// </summary>
public sealed class ResourceRegistry
{
    private ImmutableList<ResourceType> _custom = [];

    // Every request resolves its resource through All: keep the combined snapshot rather than
    // building a new list per request; it is rebuilt whenever the custom resources change.
    private IReadOnlyList<ResourceType> _all = [.. BuiltinResources.All];

    public IReadOnlyList<ResourceType> All => Volatile.Read(ref _all);

    public event Action? Changed;

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    /// <summary>The storage-version entry of a resource (the one objects are kept at).</summary>
    public ResourceType? Storage(StorageKey key) =>
        All.FirstOrDefault(r => r.Key == key && r.Version == r.StorageVersion);

    public ResourceType? FindKind(string apiVersion, string kind) =>
        All.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);

    /// <summary>Serve (or re-serve, after an update) the resources a CRD defines.</summary>
    public void Register(V1CustomResourceDefinition crd)
    {
        var types = FromCrd(crd);
        lock (this)
        {
            var key = new StorageKey(crd.Spec.Group, crd.Spec.Names.Plural);
            _custom = _custom.RemoveAll(r => r.Key == key).AddRange(types);
            Volatile.Write(ref _all, [.. BuiltinResources.All, .. _custom]);
        }
        Changed?.Invoke();
    }

    public void Unregister(string group, string plural)
    {
        lock (this)
        {
            _custom = _custom.RemoveAll(r => r.Key == new StorageKey(group, plural));
            Volatile.Write(ref _all, [.. BuiltinResources.All, .. _custom]);
        }
        Changed?.Invoke();
    }

    public static IReadOnlyList<ResourceType> FromCrd(V1CustomResourceDefinition crd)
    {
        var spec = crd.Spec;
        var storage = spec.Versions.FirstOrDefault(v => v.Storage)?.Name ?? spec.Versions[0].Name;
        return spec.Versions.Where(v => v.Served).Select(v => new ResourceType
        {
            Group = spec.Group,
            Version = v.Name,
            StorageVersion = storage,
            Plural = spec.Names.Plural,
            Kind = spec.Names.Kind,
            Namespaced = spec.Scope == "Namespaced",
            ShortNames = spec.Names.ShortNames?.ToList() ?? [],
            Categories = spec.Names.Categories?.ToList() ?? [],
            HasStatus = v.Subresources?.Status is not null,
            Scale = v.Subresources?.Scale is { } scale
                ? new ScalePaths(scale.SpecReplicasPath, scale.StatusReplicasPath, scale.LabelSelectorPath)
                : null,
            HasGeneration = true,
            IsCustom = true,
            PrinterColumns = v.AdditionalPrinterColumns?.ToList() ?? [],
            Schema = v.Schema?.OpenAPIV3Schema,
        }).ToList();
    }
}
