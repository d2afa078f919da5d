using k8s;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tests.Admission;

public class WebhookMatchingTests(AdmissionFixture cluster) : IClassFixture<AdmissionFixture>
{
    private V1ValidatingWebhook DenyAll(string path, string ns, V1RuleWithOperations rule)
    {
        cluster.Webhooks.Handle(path, r => WebhookServer.Deny(r, "denied by " + path));
        return Hooks.Validating(path.TrimStart('/') + ".test.io", cluster.UrlClient(path), ns, rule);
    }

    [Fact]
    public async Task A_namespace_selector_excludes_namespaces_without_the_label()
    {
        var team = Guid.NewGuid().ToString("N")[..8];
        var chosen = await cluster.Namespace("chosen", new Dictionary<string, string> { ["team"] = team });
        var other = await cluster.Namespace("other");
        var hook = DenyAll("/ns-selector", chosen, Hooks.Rule("", "v1", "configmaps"));
        hook.NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["team"] = team } };
        await cluster.Validating(hook);

        await cluster.ConfigMap(other, "free");
        var (code, message) = await AdmissionFixture.Refusal(() => cluster.ConfigMap(chosen, "held"));
        Assert.Equal(400, code);
        Assert.Contains("denied by /ns-selector", message);
        Assert.Single(cluster.Webhooks.Received("/ns-selector"));
    }

    [Fact]
    public async Task A_namespace_is_selected_by_its_own_labels()
    {
        var env = "env-" + Guid.NewGuid().ToString("N")[..8];
        var hook = DenyAll("/ns-own", "unused", Hooks.Rule("", "v1", "namespaces"));
        hook.NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [env] = "prod" } };
        await cluster.Validating(hook);

        await cluster.Namespace("plain");
        await AdmissionFixture.Refusal(() => cluster.Namespace("prod", new Dictionary<string, string> { [env] = "prod" }));
        var review = cluster.Webhooks.Received("/ns-own").Single();
        Assert.Equal(review["name"]!.GetValue<string>(), review["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_object_selector_matches_the_new_or_the_old_labels()
    {
        var ns = await cluster.Namespace("objsel");
        var hook = DenyAll("/obj-selector", ns, Hooks.Rule("", "v1", "configmaps", "CREATE", "UPDATE"));
        hook.ObjectSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["guarded"] = "true" } };
        await cluster.Validating(hook);

        var free = await cluster.ConfigMap(ns, "free");
        await AdmissionFixture.Refusal(() => cluster.ConfigMap(ns, "guarded", new Dictionary<string, string> { ["guarded"] = "true" }));

        // Adding the label is an update whose new object matches.
        free.Metadata.Labels = new Dictionary<string, string> { ["guarded"] = "true" };
        await AdmissionFixture.Refusal(() => cluster.Client.CoreV1.ReplaceNamespacedConfigMapAsync(free, "free", ns));
        Assert.Equal(2, cluster.Webhooks.Received("/obj-selector").Count);
    }

    [Fact]
    public async Task Rules_select_by_operation_resource_subresource_and_scope()
    {
        var ns = await cluster.Namespace("rules");
        await cluster.Validating(
            DenyAll("/secrets-only", ns, Hooks.Rule("", "v1", "secrets")),
            DenyAll("/updates-only", ns, Hooks.Rule("", "v1", "configmaps", "UPDATE")),
            DenyAll("/cluster-scope", ns, new V1RuleWithOperations { ApiGroups = ["*"], ApiVersions = ["*"], Resources = ["*"], Operations = ["CREATE"], Scope = "Cluster" }),
            DenyAll("/status-only", ns, Hooks.Rule("", "v1", "configmaps/status")),
            DenyAll("/other-version", ns, Hooks.Rule("", "v2", "configmaps")));

        var created = await cluster.ConfigMap(ns, "passes");
        Assert.Empty(cluster.Webhooks.Received("/secrets-only"));
        Assert.Empty(cluster.Webhooks.Received("/cluster-scope"));
        Assert.Empty(cluster.Webhooks.Received("/status-only"));
        Assert.Empty(cluster.Webhooks.Received("/other-version"));

        created.Data["k"] = "new";
        var (_, message) = await AdmissionFixture.Refusal(() => cluster.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "passes", ns));
        Assert.Contains("denied by /updates-only", message);
        await AdmissionFixture.Refusal(() => cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns));
    }

    [Fact]
    public async Task Wildcard_resources_match_main_resources_but_not_subresources()
    {
        var ns = await cluster.Namespace("wild");
        cluster.Webhooks.Handle("/wild", r => WebhookServer.Allow(r));
        await cluster.Validating(Hooks.Validating("wild.test.io", cluster.UrlClient("/wild"), ns,
            new V1RuleWithOperations { ApiGroups = ["*"], ApiVersions = ["*"], Resources = ["*"], Operations = ["*"], Scope = "Namespaced" }));

        await cluster.ConfigMap(ns, "a");
        var pod = await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] },
        }, ns);
        pod.Status = new V1PodStatus { Phase = "Running" };
        await cluster.Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "p", ns);

        var seen = cluster.Webhooks.Received("/wild").Select(r => r["resource"]!["resource"]!.GetValue<string>() + "/" + (r["subResource"]?.GetValue<string>() ?? "")).ToList();
        Assert.Contains("configmaps/", seen);
        Assert.Contains("pods/", seen);
        Assert.DoesNotContain("pods/status", seen);
    }
}
