using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tests.Admission;

/// <summary>clientConfig.service: the call goes to name.namespace.svc, reached on this machine.</summary>
public class WebhookServiceTests(AdmissionFixture cluster) : IClassFixture<AdmissionFixture>
{
    // The webhook server's certificate names hook.webhook-system.svc and hook-direct.webhook-system.svc.
    private const string SystemNs = "webhook-system";

    private async Task EnsureSystemNamespace()
    {
        try
        {
            await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = SystemNs } });
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }
    }

    private async Task<string> DenyThrough(string service, int? port, string path)
    {
        var ns = await cluster.Namespace("svc");
        cluster.Webhooks.Handle(path, r => WebhookServer.Deny(r, "reached via " + service));
        var client = new Admissionregistrationv1WebhookClientConfig
        {
            Service = new Admissionregistrationv1ServiceReference { Name = service, NamespaceProperty = SystemNs, Path = path, Port = port },
            CaBundle = cluster.Webhooks.CaBundle,
        };
        await cluster.Validating(Hooks.Validating(service + ".test.io", client, ns, Hooks.Rule("", "v1", "configmaps")));
        return ns;
    }

    [Fact]
    public async Task A_service_with_endpoints_is_reached_at_the_ready_address_and_target_port()
    {
        await EnsureSystemNamespace();
        await cluster.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "hook" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "https", Port = 443, TargetPort = 9443 }] },
        }, SystemNs);
        await cluster.Client.CoreV1.CreateNamespacedEndpointsAsync(new V1Endpoints
        {
            Metadata = new V1ObjectMeta { Name = "hook" },
            Subsets = [new V1EndpointSubset
            {
                Addresses = [new V1EndpointAddress { Ip = "127.0.0.1" }],
                Ports = [new Corev1EndpointPort { Name = "https", Port = cluster.Webhooks.Port }],
            }],
        }, SystemNs);
        var ns = await DenyThrough("hook", null, "/via-endpoints");

        var (code, message) = await AdmissionFixture.Refusal(() => cluster.ConfigMap(ns, "x"));
        Assert.Equal(400, code);
        Assert.Equal("admission webhook \"hook.test.io\" denied the request: reached via hook", message);
    }

    [Fact]
    public async Task A_service_without_endpoints_is_reached_on_this_machine_at_its_port()
    {
        await EnsureSystemNamespace();
        await cluster.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "hook-direct" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = cluster.Webhooks.Port }] },
        }, SystemNs);
        var ns = await DenyThrough("hook-direct", cluster.Webhooks.Port, "/direct");

        var (_, message) = await AdmissionFixture.Refusal(() => cluster.ConfigMap(ns, "x"));
        Assert.Equal("admission webhook \"hook-direct.test.io\" denied the request: reached via hook-direct", message);
    }

    [Fact]
    public async Task The_certificate_must_name_the_service()
    {
        await EnsureSystemNamespace();
        await cluster.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "unnamed" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = cluster.Webhooks.Port }] },
        }, SystemNs);
        var ns = await DenyThrough("unnamed", cluster.Webhooks.Port, "/unnamed");

        var (code, message) = await AdmissionFixture.Refusal(() => cluster.ConfigMap(ns, "x"));
        Assert.Equal(500, code);
        Assert.Contains("https://unnamed.webhook-system.svc:", message);
        Assert.Contains("certificate is not valid for unnamed.webhook-system.svc", message);
        Assert.Empty(cluster.Webhooks.Received("/unnamed"));
    }

    [Fact]
    public async Task A_missing_service_is_a_call_failure()
    {
        var ns = await DenyThrough("absent", null, "/absent");
        var (code, message) = await AdmissionFixture.Refusal(() => cluster.ConfigMap(ns, "x"));
        Assert.Equal(500, code);
        Assert.Contains("service \"absent\" not found", message);
    }
}
