using System.Text.Json.Nodes;
using k8s.Models;
using Kruise.Actors.LocalCluster.OpenApi;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Tests.OpenApi;

/// <summary>The schemas of the built-in types: Kubernetes' names and the patch extensions kubectl apply relies on.</summary>
public class ModelSchemaTests
{
    [Fact]
    public void Every_builtin_kind_has_a_KubernetesClient_model()
    {
        foreach (var resource in BuiltinResources.All)
            Assert.True(ModelNames.ModelOf(resource.Group, resource.Version, resource.Kind) is not null, resource.Kind);
        Assert.Equal(typeof(Corev1Event), ModelNames.ModelOf("", "v1", "Event"));
        Assert.Equal(typeof(V2HorizontalPodAutoscaler), ModelNames.ModelOf("autoscaling", "v2", "HorizontalPodAutoscaler"));
    }

    [Theory]
    [InlineData(typeof(V1Pod), "io.k8s.api.core.v1.Pod")]
    [InlineData(typeof(Corev1Event), "io.k8s.api.core.v1.Event")]
    [InlineData(typeof(V1Deployment), "io.k8s.api.apps.v1.Deployment")]
    [InlineData(typeof(V1CustomResourceDefinition), "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition")]
    [InlineData(typeof(V1ClusterRoleBinding), "io.k8s.api.rbac.v1.ClusterRoleBinding")]
    [InlineData(typeof(V2HorizontalPodAutoscaler), "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler")]
    [InlineData(typeof(V1PodSpec), "io.k8s.api.core.v1.PodSpec")]
    [InlineData(typeof(V1PodTemplateSpec), "io.k8s.api.core.v1.PodTemplateSpec")]
    [InlineData(typeof(V1ObjectReference), "io.k8s.api.core.v1.ObjectReference")]
    [InlineData(typeof(V1TopologySelectorTerm), "io.k8s.api.core.v1.TopologySelectorTerm")]
    [InlineData(typeof(V1ObjectMeta), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")]
    [InlineData(typeof(V1LabelSelector), "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")]
    [InlineData(typeof(V1Condition), "io.k8s.apimachinery.pkg.apis.meta.v1.Condition")]
    [InlineData(typeof(V1DeploymentStrategy), "io.k8s.api.apps.v1.DeploymentStrategy")]
    [InlineData(typeof(V1JobTemplateSpec), "io.k8s.api.batch.v1.JobTemplateSpec")]
    [InlineData(typeof(V1Scale), "io.k8s.api.autoscaling.v1.Scale")]
    [InlineData(typeof(V2MetricSpec), "io.k8s.api.autoscaling.v2.MetricSpec")]
    [InlineData(typeof(V1PolicyRule), "io.k8s.api.rbac.v1.PolicyRule")]
    [InlineData(typeof(Rbacv1Subject), "io.k8s.api.rbac.v1.Subject")]
    [InlineData(typeof(Admissionregistrationv1ServiceReference), "io.k8s.api.admissionregistration.v1.ServiceReference")]
    [InlineData(typeof(Apiextensionsv1ServiceReference), "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ServiceReference")]
    [InlineData(typeof(V1JSONSchemaProps), "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps")]
    [InlineData(typeof(V1IngressBackend), "io.k8s.api.networking.v1.IngressBackend")]
    public void Models_are_named_as_Kubernetes_names_them(Type type, string name) => Assert.Equal(name, ModelNames.Of(type));

    [Fact]
    public void No_two_models_of_the_builtin_kinds_share_a_name()
    {
        var seen = new Dictionary<string, Type>();
        var pending = new Stack<Type>(BuiltinResources.All.Select(r => ModelNames.ModelOf(r.Group, r.Version, r.Kind)!));
        while (pending.TryPop(out var type))
        {
            var component = ModelSchemas.Of(type);
            if (seen.TryGetValue(component.Name, out var other))
            {
                Assert.True(other == type, $"{type.Name} and {other.Name} are both {component.Name}");
                continue;
            }
            seen[component.Name] = type;
            foreach (var reference in component.References)
                pending.Push(reference);
        }
        Assert.True(seen.Count > 200, $"only {seen.Count} schemas reached");
    }

    [Fact]
    public void Merged_lists_carry_their_patch_strategy_and_key()
    {
        AssertStrategy(typeof(V1PodSpec), "containers", "merge", "name");
        AssertStrategy(typeof(V1PodSpec), "volumes", "merge,retainKeys", "name");
        AssertStrategy(typeof(V1Container), "ports", "merge", "containerPort");
        AssertStrategy(typeof(V1Container), "volumeMounts", "merge", "mountPath");
        AssertStrategy(typeof(V1ObjectMeta), "ownerReferences", "merge", "uid");
        AssertStrategy(typeof(V1DeploymentSpec), "strategy", "retainKeys", null);
        Assert.Null(ModelSchemas.Of(typeof(V1PodSpec)).Schema["properties"]!["tolerations"]!["x-kubernetes-patch-strategy"]);
    }

    [Fact]
    public void Every_patch_strategy_names_a_field_of_its_type()
    {
        foreach (var type in new[] { typeof(V1PodSpec), typeof(V1Container), typeof(V1EphemeralContainer), typeof(V1PodStatus), typeof(V1ObjectMeta), typeof(V1ServiceSpec), typeof(V1NodeStatus) })
        {
            var properties = ModelSchemas.Of(type).Schema["properties"]!.AsObject();
            foreach (var (field, _) in properties)
            {
                if (PatchStrategies.For(type, field) is not null)
                    Assert.NotNull(properties[field]!["x-kubernetes-patch-strategy"]);
            }
        }
    }

    [Fact]
    public void Int_or_string_and_quantities_refer_to_their_shared_schemas()
    {
        var port = ModelSchemas.Of(typeof(V1HTTPGetAction)).Schema["properties"]!["port"]!;
        Assert.Equal("#/components/schemas/" + ModelNames.IntOrString, RefOf(port));
        Assert.Equal("int-or-string", ModelSchemas.Of(typeof(IntOrString)).Schema["format"]!.GetValue<string>());
        var limits = ModelSchemas.Of(typeof(V1ResourceRequirements)).Schema["properties"]!["limits"]!;
        Assert.Equal("#/components/schemas/" + ModelNames.Quantity, RefOf(limits["additionalProperties"]!));
    }

    // With descriptions available (KubernetesClient.xml beside the DLL) a described field wraps its $ref in allOf.
    private static string RefOf(System.Text.Json.Nodes.JsonNode node) =>
        (node["$ref"] ?? node["allOf"]![0]!["$ref"])!.GetValue<string>();

    [Fact]
    public void Required_fields_known_to_SchemaBuilder_are_kept()
    {
        var required = ModelSchemas.Of(typeof(V1OwnerReference)).Schema["required"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(["apiVersion", "kind", "name", "uid"], required);
    }

    private static void AssertStrategy(Type type, string field, string strategy, string? key)
    {
        var schema = (JsonObject)ModelSchemas.Of(type).Schema["properties"]![field]!;
        Assert.Equal(strategy, schema["x-kubernetes-patch-strategy"]?.GetValue<string>());
        Assert.Equal(key, schema["x-kubernetes-patch-merge-key"]?.GetValue<string>());
    }
}
