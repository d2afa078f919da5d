using Kruise.Actors.Admission;

namespace Kruise.Actors.Tests.Integration;

/// <summary>failurePolicy Fail: with the controller's webhook server gone, CloneSets cannot be created unvalidated.</summary>
public sealed class WebhookDownTests(WebhookCluster cluster) : IClassFixture<WebhookCluster>
{
    [Fact]
    public async Task With_the_webhook_server_stopped_a_create_fails_clearly_and_nothing_is_created()
    {
        var ns = await cluster.Namespace();
        var port = cluster.Controller!.Webhooks!.Port;
        await cluster.StopController();

        var apply = (await cluster.Kubectl("apply -f -", $"""
            apiVersion: apps.kruise.io/v1alpha1
            kind: CloneSet
            metadata:
              name: web
              namespace: {ns}
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
            """)).Fails();

        // The mutating webhook is called first; its failure stops the request.
        Assert.Contains($"failed calling webhook \"{WebhookConfigurations.MutateCloneSetWebhook}\"", apply.Stderr, StringComparison.Ordinal);
        Assert.Contains($"dial tcp 127.0.0.1:{port}: connect: connection refused", apply.Stderr, StringComparison.Ordinal);
        var get = (await cluster.Kubectl($"get clonesets -n {ns} -o name")).Ok();
        Assert.Equal("", get.Stdout.Trim());
    }
}
