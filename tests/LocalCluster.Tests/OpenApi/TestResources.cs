using k8s;
using k8s.Models;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Tests.OpenApi;

/// <summary>Registries for the OpenAPI tests: the built-ins plus the CloneSet CRD from deploy/crds.</summary>
internal static class TestResources
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static ResourceRegistry WithCloneSet()
    {
        var registry = new ResourceRegistry();
        registry.Register(CloneSetCrd());
        return registry;
    }

    public static string CloneSetCrdPath => Path.Combine(Root.Value, "deploy", "crds", "apps.kruise.io_clonesets.yaml");

    public static V1CustomResourceDefinition CloneSetCrd() => KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(CloneSetCrdPath));

    /// <summary>A small namespaced CRD with one served version.</summary>
    public static V1CustomResourceDefinition Crd(string group, string version, string kind) => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = $"{kind.ToLowerInvariant()}s.{group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Kind = kind, ListKind = kind + "List", Plural = kind.ToLowerInvariant() + "s", Singular = kind.ToLowerInvariant() },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = version,
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new() { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["size"] = new() { Type = "integer" } } },
                            },
                        },
                    },
                },
            ],
        },
    };

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kruise.Actors.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Kruise.Actors.sln not found above " + AppContext.BaseDirectory);
    }
}
