using System.Text.Json.Nodes;
using k8s;
using Kruise.Actors.Crds;
using Kruise.Actors.Crds.Schema;
using Kruise.Actors.LocalCluster;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.Host.Up;

/// <summary>Installs every served kind's CustomResourceDefinition through the API: created when absent, updated to this version's otherwise.</summary>
public static class CrdInstaller
{
    public static async Task<int> InstallAll(ResourceService service, CancellationToken cancellationToken)
    {
        var crds = service.Registry.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")
            ?? throw new InvalidOperationException("the API server does not serve customresourcedefinitions");
        foreach (var kind in KruiseKinds.All)
        {
            var desired = JsonNode.Parse(KubernetesJson.Serialize(CrdGenerator.Generate(kind)))!.AsObject();
            try
            {
                // Create fills in identity fields of the object it is given: keep the pristine one for an update.
                await service.Create(crds, null, (JsonObject)desired.DeepClone(), WriteOptions.Default, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Reason == "AlreadyExists")
            {
                // A resumed cluster: bring the stored definition up to this version's, keeping its identity and status.
                await service.Update(crds, null, kind.CrdName, _ => (JsonObject)desired.DeepClone(), null, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
            }
        }
        return KruiseKinds.All.Count;
    }
}
