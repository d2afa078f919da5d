using k8s;
using k8s.Models;
using static Kruise.Actors.LocalCluster.Tests.Controllers.Clusters;

namespace Kruise.Actors.LocalCluster.Tests.Controllers;

public class NamespaceDefaultsTests(ControllerCluster cluster) : IClassFixture<ControllerCluster>
{
    private Kubernetes Client => cluster.Client;

    [Fact]
    public async Task Every_namespace_gets_the_default_service_account_back_when_deleted()
    {
        await Eventually(() => Exists(() => Client.CoreV1.ReadNamespacedServiceAccountAsync("default", "kube-system")), "kube-system's default service account");
        var ns = await cluster.NewNamespace("sa");
        await Eventually(() => Exists(() => Client.CoreV1.ReadNamespacedServiceAccountAsync("default", ns)), "the default service account");
        var first = await Client.CoreV1.ReadNamespacedServiceAccountAsync("default", ns);

        (await cluster.Kubectl($"delete serviceaccount default -n {ns}")).Ok();

        await Eventually(async () => await Exists(() => Client.CoreV1.ReadNamespacedServiceAccountAsync("default", ns))
            && (await Client.CoreV1.ReadNamespacedServiceAccountAsync("default", ns)).Metadata.Uid != first.Metadata.Uid, "the service account to be recreated");
    }

    [Fact]
    public async Task Every_namespace_gets_the_cluster_CA_in_kube_root_ca_crt()
    {
        var ns = await cluster.NewNamespace("rootca");
        await Eventually(() => Exists(() => Client.CoreV1.ReadNamespacedConfigMapAsync("kube-root-ca.crt", ns)), "the root CA config map");
        var cm = await Client.CoreV1.ReadNamespacedConfigMapAsync("kube-root-ca.crt", ns);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", cm.Data["ca.crt"], StringComparison.Ordinal);
        Assert.Contains("kubernetes.io/description", cm.Metadata.Annotations.Keys);

        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"ca.crt":"tampered"}}""", V1Patch.PatchType.MergePatch), "kube-root-ca.crt", ns);

        await Eventually(async () => (await Client.CoreV1.ReadNamespacedConfigMapAsync("kube-root-ca.crt", ns)).Data["ca.crt"] == cm.Data["ca.crt"], "the CA to be restored");
    }
}
