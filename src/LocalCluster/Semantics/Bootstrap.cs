using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>What a fresh cluster has before anyone writes: the standard namespaces, and every stored CRD served again after a restart.</summary>
public static class Bootstrap
{
    private static readonly string[] StandardNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static async Task Run(ResourceService service, CancellationToken cancellationToken)
    {
        var crds = service.Registry.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;
        foreach (var stored in service.Store.List(crds.Key, null).Items)
            service.Registry.Register(KubernetesJson.Deserialize<V1CustomResourceDefinition>(stored.Object.ToJsonString()));

        var namespaces = service.Registry.Find("", "v1", "namespaces")!;
        foreach (var name in StandardNamespaces)
        {
            if (service.Store.Get(namespaces.Key, "", name) is not null)
                continue;
            var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
            await service.Create(namespaces, null, ns, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
        }
    }
}
