using k8s.Models;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>
/// One webhook of a Mutating- or ValidatingWebhookConfiguration with the admissionregistration/v1
/// defaults applied (objects are stored as written, so the defaults the apiserver would have
/// filled in at create time are filled in here, when the configuration is read).
/// </summary>
internal sealed record WebhookSpec
{
    public required string Configuration { get; init; }
    public required string Name { get; init; }

    /// <summary>configuration/webhook/index, as the apiserver identifies a webhook for reinvocation.</summary>
    public required string Uid { get; init; }

    public required Admissionregistrationv1WebhookClientConfig ClientConfig { get; init; }
    public required IReadOnlyList<V1RuleWithOperations> Rules { get; init; }

    /// <summary>Fail (default) or Ignore.</summary>
    public required string FailurePolicy { get; init; }

    /// <summary>Equivalent (default) or Exact.</summary>
    public required string MatchPolicy { get; init; }

    public required V1LabelSelector NamespaceSelector { get; init; }
    public required V1LabelSelector ObjectSelector { get; init; }

    /// <summary>None, NoneOnDryRun, Some or Unknown; null when the configuration left it out.</summary>
    public string? SideEffects { get; init; }

    public required TimeSpan Timeout { get; init; }
    public required IReadOnlyList<string> AdmissionReviewVersions { get; init; }
    public bool ReinvokeIfNeeded { get; init; }

    public bool IgnoreFailures => FailurePolicy == "Ignore";

    public const int DefaultTimeoutSeconds = 10;

    // Validation keeps timeoutSeconds within 1..30; configurations are not validated on write here,
    // so an out-of-range value is clamped instead of refused.
    private static TimeSpan TimeoutOf(int? seconds) => TimeSpan.FromSeconds(Math.Clamp(seconds ?? DefaultTimeoutSeconds, 1, 30));

    private static V1LabelSelector SelectorOrAll(V1LabelSelector? selector) => selector ?? new V1LabelSelector();

    public static IEnumerable<WebhookSpec> From(V1MutatingWebhookConfiguration configuration)
    {
        var name = configuration.Metadata?.Name ?? "";
        var webhooks = configuration.Webhooks ?? [];
        for (var i = 0; i < webhooks.Count; i++)
        {
            var hook = webhooks[i];
            yield return new WebhookSpec
            {
                Configuration = name,
                Name = hook.Name ?? "",
                Uid = $"{name}/{hook.Name}/{i}",
                ClientConfig = hook.ClientConfig ?? new Admissionregistrationv1WebhookClientConfig(),
                Rules = hook.Rules?.ToList() ?? [],
                FailurePolicy = hook.FailurePolicy ?? "Fail",
                MatchPolicy = hook.MatchPolicy ?? "Equivalent",
                NamespaceSelector = SelectorOrAll(hook.NamespaceSelector),
                ObjectSelector = SelectorOrAll(hook.ObjectSelector),
                SideEffects = hook.SideEffects,
                Timeout = TimeoutOf(hook.TimeoutSeconds),
                AdmissionReviewVersions = hook.AdmissionReviewVersions?.ToList() ?? [],
                ReinvokeIfNeeded = hook.ReinvocationPolicy == "IfNeeded",
            };
        }
    }

    public static IEnumerable<WebhookSpec> From(V1ValidatingWebhookConfiguration configuration)
    {
        var name = configuration.Metadata?.Name ?? "";
        var webhooks = configuration.Webhooks ?? [];
        for (var i = 0; i < webhooks.Count; i++)
        {
            var hook = webhooks[i];
            yield return new WebhookSpec
            {
                Configuration = name,
                Name = hook.Name ?? "",
                Uid = $"{name}/{hook.Name}/{i}",
                ClientConfig = hook.ClientConfig ?? new Admissionregistrationv1WebhookClientConfig(),
                Rules = hook.Rules?.ToList() ?? [],
                FailurePolicy = hook.FailurePolicy ?? "Fail",
                MatchPolicy = hook.MatchPolicy ?? "Equivalent",
                NamespaceSelector = SelectorOrAll(hook.NamespaceSelector),
                ObjectSelector = SelectorOrAll(hook.ObjectSelector),
                SideEffects = hook.SideEffects,
                Timeout = TimeoutOf(hook.TimeoutSeconds),
                AdmissionReviewVersions = hook.AdmissionReviewVersions?.ToList() ?? [],
            };
        }
    }
}
