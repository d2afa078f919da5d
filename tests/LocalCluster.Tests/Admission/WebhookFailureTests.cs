using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Security;

namespace Kruise.Actors.LocalCluster.Tests.Admission;

public class WebhookFailureTests(AdmissionFixture cluster) : IClassFixture<AdmissionFixture>
{
    /// <summary>A URL on a port nothing listens on.</summary>
    private static string DeadUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"https://127.0.0.1:{port}/down";
    }

    [Fact]
    public async Task A_webhook_that_is_down_fails_the_request_under_Fail_and_is_skipped_under_Ignore()
    {
        var ns = await cluster.Namespace("down");
        var client = new Admissionregistrationv1WebhookClientConfig { Url = DeadUrl(), CaBundle = cluster.Webhooks.CaBundle };
        var failing = await cluster.Validating(Hooks.Validating("down-fail.test.io", client, ns, Hooks.Rule("", "v1", "configmaps")));

        var (code, message) = await AdmissionFixture.Refusal(() => cluster.ConfigMap(ns, "x"));
        Assert.Equal(500, code);
        Assert.StartsWith("Internal error occurred: failed calling webhook \"down-fail.test.io\": failed to call webhook: Post \"https://127.0.0.1:", message);
        var kubectl = await cluster.Kubectl($"create configmap y -n {ns} --from-literal=a=b");
        Assert.Contains("failed calling webhook \"down-fail.test.io\"", kubectl.Stderr);

        await cluster.Client.AdmissionregistrationV1.DeleteValidatingWebhookConfigurationAsync(failing.Metadata.Name);
        await cluster.Validating(Hooks.Validating("down-ignore.test.io", client, ns, Hooks.Rule("", "v1", "configmaps"), failurePolicy: "Ignore"));
        await cluster.Mutating($"down-ignore-{ns}", new V1MutatingWebhook
        {
            Name = "down-ignore-mutating.test.io",
            ClientConfig = client,
            Rules = [Hooks.Rule("", "v1", "configmaps")],
            NamespaceSelector = Hooks.InNamespace(ns),
            FailurePolicy = "Ignore",
            SideEffects = "None",
            AdmissionReviewVersions = ["v1"],
        });
        await cluster.ConfigMap(ns, "x");
    }

    [Fact]
    public async Task The_server_certificate_is_verified_against_the_ca_bundle()
    {
        var ns = await cluster.Namespace("tls");
        cluster.Webhooks.Handle("/tls", r => WebhookServer.Allow(r));
        var folder = Path.Combine(Path.GetTempPath(), "kruise-other-ca-" + Guid.NewGuid().ToString("N")[..8]);
        using var otherCa = CertificateAuthority.LoadOrCreate(folder, "other-ca");
        var wrong = new Admissionregistrationv1WebhookClientConfig { Url = cluster.Webhooks.Url("/tls"), CaBundle = Encoding.UTF8.GetBytes(otherCa.CertificatePem) };
        await cluster.Validating(Hooks.Validating("wrong-ca.test.io", wrong, ns, Hooks.Rule("", "v1", "configmaps")));
        Directory.Delete(folder, recursive: true);

        var (code, message) = await AdmissionFixture.Refusal(() => cluster.ConfigMap(ns, "x"));
        Assert.Equal(500, code);
        Assert.Contains("failed calling webhook \"wrong-ca.test.io\"", message);
        Assert.Contains("x509: certificate signed by unknown authority", message);
        Assert.Empty(cluster.Webhooks.Received("/tls"));
    }

    [Fact]
    public async Task A_slow_webhook_times_out_after_timeoutSeconds()
    {
        var ns = await cluster.Namespace("slow");
        cluster.Webhooks.HandleAsync("/slow", async (r, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            return WebhookServer.Allow(r);
        });
        var failing = await cluster.Validating(Hooks.Validating("slow.test.io", cluster.UrlClient("/slow"), ns, Hooks.Rule("", "v1", "configmaps"), timeoutSeconds: 1));

        var watch = Stopwatch.StartNew();
        var (code, message) = await AdmissionFixture.Refusal(() => cluster.ConfigMap(ns, "x"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
        Assert.Equal(500, code);
        Assert.Contains("failed calling webhook \"slow.test.io\"", message);
        Assert.Contains("?timeout=1s\": context deadline exceeded", message);

        await cluster.Client.AdmissionregistrationV1.DeleteValidatingWebhookConfigurationAsync(failing.Metadata.Name);
        await cluster.Validating(Hooks.Validating("slow-ignore.test.io", cluster.UrlClient("/slow"), ns, Hooks.Rule("", "v1", "configmaps"), failurePolicy: "Ignore", timeoutSeconds: 1));
        await cluster.ConfigMap(ns, "x");
    }

    [Fact]
    public async Task An_answer_for_another_request_is_a_call_failure()
    {
        var ns = await cluster.Namespace("uid");
        cluster.Webhooks.Handle("/wrong-uid", r =>
        {
            var answer = WebhookServer.Allow(r);
            answer["response"]!["uid"] = "someone-else";
            return answer;
        });
        await cluster.Validating(Hooks.Validating("uid.test.io", cluster.UrlClient("/wrong-uid"), ns, Hooks.Rule("", "v1", "configmaps")));

        var (code, message) = await AdmissionFixture.Refusal(() => cluster.ConfigMap(ns, "x"));
        Assert.Equal(500, code);
        Assert.Contains("failed calling webhook \"uid.test.io\": received invalid webhook response: expected response.uid=", message);
    }
}
