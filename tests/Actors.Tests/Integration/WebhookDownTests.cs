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

        var apply = (await cluster.Kubectl("apply -f -", CloneSetSession.Yaml("web", 1, ns: ns))).Fails();

        // The mutating webhook is called first; its failure stops the request.
        Assert.Contains($"failed calling webhook \"{WebhookConfigurations.MutateCloneSetWebhook}\"", apply.Stderr, StringComparison.Ordinal);
        Assert.Contains($"dial tcp 127.0.0.1:{port}: connect: connection refused", apply.Stderr, StringComparison.Ordinal);
        var get = (await cluster.Kubectl($"get clonesets -n {ns} -o name")).Ok();
        Assert.Equal("", get.Stdout.Trim());
    }
}
