using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tests.Schemas;

/// <summary>The generated CloneSet CRD, as loaded from YAML and as the server receives it (JSON), and sample objects.</summary>
public static class SchemaFixtures
{
    public const string Yaml = "yaml";
    public const string Json = "json";

    private static readonly Lazy<V1CustomResourceDefinition> FromYaml = new(() =>
        KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(CrdPath), strict: true));

    // The server gets CRDs over HTTP: serialized with KubernetesJson and read back, schema slots become JsonElement.
    private static readonly Lazy<V1CustomResourceDefinition> FromJson = new(() =>
        KubernetesJson.Deserialize<V1CustomResourceDefinition>(KubernetesJson.Serialize(FromYaml.Value)));

    public static TheoryData<string> Forms => [Yaml, Json];

    public static string CrdPath => Path.Combine(RepositoryRoot(), "deploy", "crds", "apps.kruise.io_clonesets.yaml");

    public static V1JSONSchemaProps CloneSetSchema(string form) =>
        (form == Yaml ? FromYaml : FromJson).Value.Spec.Versions[0].Schema.OpenAPIV3Schema;

    /// <summary>A schema as the server would hold it after reading JSON (slots as JsonElement).</summary>
    public static V1JSONSchemaProps Schema(string json) => KubernetesJson.Deserialize<V1JSONSchemaProps>(json);

    public static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A CloneSet the generated schema accepts; <paramref name="spec"/> replaces its spec when given.</summary>
    public static JsonObject CloneSet(string? spec = null) => Object($$"""
        {
          "apiVersion": "apps.kruise.io/v1alpha1",
          "kind": "CloneSet",
          "metadata": { "name": "demo", "namespace": "default", "labels": { "app": "demo" } },
          "spec": {{spec ?? ValidSpec}}
        }
        """);

    public const string ValidSpec = """
        {
          "replicas": 3,
          "selector": { "matchLabels": { "app": "demo" } },
          "template": {
            "metadata": { "labels": { "app": "demo" } },
            "spec": { "containers": [ { "name": "main", "image": "nginx:1.25", "ports": [ { "containerPort": 80 } ] } ] }
          },
          "updateStrategy": { "type": "InPlaceIfPossible", "maxUnavailable": "20%", "partition": 1 }
        }
        """;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kruise.Actors.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Kruise.Actors.sln not found above " + AppContext.BaseDirectory);
    }
}
