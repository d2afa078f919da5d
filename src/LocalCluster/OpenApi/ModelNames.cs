using System.Collections.Frozen;
using System.Reflection;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>
/// The definition names Kubernetes gives KubernetesClient's model types
/// (<c>V1PodSpec</c> is <c>io.k8s.api.core.v1.PodSpec</c>). The C# names keep only the version and
/// the Go type name, so the Go package is recovered: from the kind attribute for top-level kinds, from
/// the group prefix KubernetesClient adds on name clashes (<c>Corev1Event</c>), and otherwise from
/// the kinds whose objects contain the type.
/// </summary>
public static partial class ModelNames
{
    /// <summary>apimachinery's meta/v1 types; core kinds contain them, so containment alone would misplace them.</summary>
    private static readonly FrozenSet<string> MetaKinds = FrozenSet.Create(StringComparer.Ordinal,
        "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition", "DeleteOptions",
        "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement", "ListMeta", "ManagedFieldsEntry",
        "ObjectMeta", "OwnerReference", "Patch", "Preconditions", "ServerAddressByClientCIDR", "ShardInfo", "Status", "StatusCause",
        "StatusDetails", "WatchEvent");

    /// <summary>Core types that only other groups' kinds contain (StorageClass.allowedTopologies).</summary>
    private static readonly FrozenSet<Type> CoreOnlyContainedElsewhere = FrozenSet.Create(
        typeof(V1TopologySelectorTerm), typeof(V1TopologySelectorLabelRequirement));

    private static readonly Lazy<FrozenDictionary<(string Group, string Version, string Kind), Type>> Kinds = new(FindKinds);
    private static readonly Lazy<FrozenDictionary<Type, string>> OwnerGroups = new(FindOwnerGroups);

    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    public const string ListMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";
    public const string Patch = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    /// <summary>The KubernetesClient model of a built-in kind (Event in core/v1 is <c>Corev1Event</c>).</summary>
    public static Type? ModelOf(string group, string version, string kind) =>
        Kinds.Value.GetValueOrDefault((group, version, kind));

    /// <summary>Whether a type is one of KubernetesClient's generated models, which documents name and reference.</summary>
    public static bool IsModel(Type type) =>
        type.IsClass && type.Namespace == "k8s.Models" && ClrName().IsMatch(type.Name);

    /// <summary>The Kubernetes definition name of a model type.</summary>
    public static string Of(Type type)
    {
        var match = ClrName().Match(type.Name);
        if (!match.Success)
            throw new ArgumentException($"{type.FullName} is not a KubernetesClient model", nameof(type));
        var version = match.Groups["version"].Value.ToLowerInvariant();
        var kind = match.Groups["kind"].Value;
        if (!match.Groups["group"].Success && version == "v1" && MetaKinds.Contains(kind))
            return $"io.k8s.apimachinery.pkg.apis.meta.v1.{kind}";
        if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { } entity && entity.Kind == kind)
            return $"{Package(entity.Group, entity.ApiVersion)}.{kind}";
        var group = match.Groups["group"].Success ? PrefixGroup(match.Groups["group"].Value.ToLowerInvariant())
            : CoreOnlyContainedElsewhere.Contains(type) ? ""
            : OwnerGroups.Value.GetValueOrDefault(type, "");
        return $"{Package(group, version)}.{kind}";
    }

    /// <summary>Kubernetes' Go package of an API group: the first label of the group, with two historical exceptions.</summary>
    public static string Package(string group, string version) => group switch
    {
        "" => $"io.k8s.api.core.{version}",
        "apiextensions.k8s.io" => $"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{version}",
        "apiregistration.k8s.io" => $"io.k8s.kube-aggregator.pkg.apis.apiregistration.{version}",
        _ => $"io.k8s.api.{group.Split('.')[0]}.{version}",
    };

    // KubernetesClient prefixes a clashing name with its group's first label (core, apiextensions, rbac, ...).
    private static string PrefixGroup(string prefix) => prefix switch
    {
        "core" => "",
        "apiextensions" => "apiextensions.k8s.io",
        "apiregistration" => "apiregistration.k8s.io",
        _ => prefix + ".k8s.io",
    };

    private static FrozenDictionary<(string, string, string), Type> FindKinds() =>
        typeof(V1Pod).Assembly.GetTypes()
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(e => e.Entity is not null && IsModel(e.Type))
            .GroupBy(e => (e.Entity!.Group, e.Entity.ApiVersion, e.Entity.Kind))
            .ToFrozenDictionary(g => g.Key, g => g.First().Type);

    /// <summary>
    /// For every nested model type, the group of the kinds containing it: core when any core kind does
    /// (pod specs appear in every workload), else a group with kinds at the type's own version, else the
    /// first in name order.
    /// </summary>
    private static FrozenDictionary<Type, string> FindOwnerGroups()
    {
        var containers = new Dictionary<Type, List<(string Group, string Version)>>();
        var children = new Dictionary<Type, Type[]>();
        foreach (var ((group, version, _), type) in Kinds.Value)
        {
            foreach (var nested in Contained(type, children))
            {
                if (!containers.TryGetValue(nested, out var list))
                    containers[nested] = list = [];
                list.Add((group, version));
            }
        }
        return containers.ToFrozenDictionary(c => c.Key, c =>
        {
            var version = ClrName().Match(c.Key.Name).Groups["version"].Value.ToLowerInvariant();
            var ordered = c.Value.OrderBy(g => g.Group, StringComparer.Ordinal).ToList();
            return ordered.FirstOrDefault(g => g.Group.Length == 0, ordered.FirstOrDefault(g => g.Version == version, ordered[0])).Group;
        });
    }

    /// <summary>The model types inside a kind's objects; <paramref name="children"/> memoizes each type's direct ones.</summary>
    private static HashSet<Type> Contained(Type root, Dictionary<Type, Type[]> children)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([root]);
        while (pending.TryPop(out var type))
        {
            if (!children.TryGetValue(type, out var direct))
            {
                children[type] = direct = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .SelectMany(p => Unwrap(p.PropertyType)).Where(IsModel).Distinct().ToArray();
            }
            foreach (var candidate in direct)
            {
                if (seen.Add(candidate))
                    pending.Push(candidate);
            }
        }
        return seen;
    }

    private static IEnumerable<Type> Unwrap(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap) : type.IsArray ? Unwrap(type.GetElementType()!) : [type];

    [GeneratedRegex("^(?<group>[A-Z][a-z]+)?(?<version>[Vv][0-9]+(?:alpha[0-9]+|beta[0-9]+)?)(?<kind>[A-Z].*)$")]
    private static partial Regex ClrName();
}
