using System.Net;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>A webhook to call for a request, and the resource version and kind it is called with.</summary>
internal sealed record WebhookInvocation(WebhookSpec Hook, ResourceType Resource, GroupVersionKind Kind);

/// <summary>
/// Whether a webhook applies to a request, as the apiserver's ShouldCallHook decides: the
/// namespaceSelector and objectSelector, then the rules at the request's version, then (under
/// matchPolicy Equivalent) the rules at the resource's other served versions.
/// </summary>
internal sealed class WebhookMatcher(ObjectStore store, ResourceRegistry registry)
{
    private static readonly StorageKey Namespaces = new("", "namespaces");

    public WebhookInvocation? Match(WebhookSpec hook, WebhookAttributes attributes)
    {
        // Selector errors (a missing namespace) only count for a webhook whose rules match.
        var (inNamespace, namespaceError) = MatchNamespace(hook.NamespaceSelector, attributes);
        if (!inNamespace && namespaceError is null)
            return null;
        if (!MatchObject(hook.ObjectSelector, attributes))
            return null;
        var invocation = MatchRules(hook, attributes);
        if (invocation is not null && namespaceError is not null)
            throw namespaceError;
        return invocation;
    }

    private WebhookInvocation? MatchRules(WebhookSpec hook, WebhookAttributes attributes)
    {
        var type = attributes.Type;
        if (hook.Rules.Any(rule => Matches(rule, attributes, type.Group, type.Version, type.Plural)))
            return new(hook, type, attributes.KindOf(type));
        if (hook.MatchPolicy != "Equivalent")
            return null;
        // Versions of one resource are the only equivalents here; skip the lookup unless some rule
        // would match the resource at another version.
        if (!hook.Rules.Any(rule => Matches(rule, attributes, type.Group, null, type.Plural)))
            return null;
        var equivalents = registry.All.Where(r => r.Key == type.Key && r.Version != type.Version).ToList();
        foreach (var rule in hook.Rules)
        {
            foreach (var equivalent in equivalents)
            {
                if (Matches(rule, attributes, equivalent.Group, equivalent.Version, equivalent.Plural))
                    return new(hook, equivalent, attributes.KindOf(equivalent));
            }
        }
        return null;
    }

    /// <summary>One rule against a resource; a null version matches any (the pre-check for equivalents).</summary>
    public static bool Matches(V1RuleWithOperations rule, WebhookAttributes attributes, string group, string? version, string plural) =>
        ScopeMatches(rule.Scope, attributes, group, version, plural)
        && ExactOrWildcard(rule.Operations, attributes.Operation)
        && ExactOrWildcard(rule.ApiGroups, group)
        && (version is null || ExactOrWildcard(rule.ApiVersions, version))
        && ResourceMatches(rule.Resources, plural, attributes.Subresource);

    private static bool ExactOrWildcard(IList<string>? items, string requested) =>
        items?.Any(item => item == "*" || item == requested) == true;

    private static bool ResourceMatches(IList<string>? resources, string resource, string subresource)
    {
        foreach (var entry in resources ?? [])
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            var (res, sub) = slash < 0 ? (entry, "") : (entry[..slash], entry[(slash + 1)..]);
            if ((res == "*" || res == resource) && (sub == "*" || sub == subresource))
                return true;
        }
        return false;
    }

    // A Namespace object counts as cluster-scoped; every other request is namespaced exactly when
    // it has a namespace.
    private static bool ScopeMatches(string? scope, WebhookAttributes attributes, string group, string? version, string plural)
    {
        var isNamespace = group.Length == 0 && (version is null || version == "v1") && plural == "namespaces";
        return scope switch
        {
            null or "*" => true,
            "Namespaced" => !isNamespace && attributes.Namespace.Length > 0,
            "Cluster" => isNamespace || attributes.Namespace.Length == 0,
            _ => false,
        };
    }

    private (bool Matches, ApiException? Error) MatchNamespace(V1LabelSelector selector, WebhookAttributes attributes)
    {
        // Cluster-scoped requests other than for namespaces are never exempted by a namespaceSelector.
        if (attributes.Namespace.Length == 0 && attributes.Type.Plural != "namespaces")
            return (true, null);
        if (LabelSelectors.IsEmpty(selector))
            return (true, null);
        IDictionary<string, string> labels;
        // A namespace being created or updated is matched on its new labels, not the stored ones.
        if (attributes.Type.Plural == "namespaces" && attributes.Subresource.Length == 0
            && attributes.Operation is "CREATE" or "UPDATE")
        {
            labels = JsonRead.StringMap(attributes.Object, "metadata", "labels");
        }
        else if (store.Get(Namespaces, "", attributes.Namespace) is { } ns)
        {
            labels = JsonRead.StringMap(ns.Object, "metadata", "labels");
        }
        else
        {
            return (false, new ApiException(HttpStatusCode.NotFound, "NotFound", $"namespaces \"{attributes.Namespace}\" not found"));
        }
        return (LabelSelectors.Matches(selector, labels), null);
    }

    // Either the new or the old object may carry the labels (a DELETE only has the old one).
    private static bool MatchObject(V1LabelSelector selector, WebhookAttributes attributes) =>
        LabelSelectors.IsEmpty(selector)
        || (attributes.Object is { } obj && LabelSelectors.Matches(selector, JsonRead.StringMap(obj, "metadata", "labels")))
        || (attributes.OldObject is { } old && LabelSelectors.Matches(selector, JsonRead.StringMap(old, "metadata", "labels")));
}
