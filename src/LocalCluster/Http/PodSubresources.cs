using System.Net;
using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>pods/binding (the scheduler's write) and pods/eviction (a delete that honours PodDisruptionBudgets).</summary>
public static class PodSubresources
{
    public static async Task Bind(HttpContext context, ResourceService service, ResourceType pods, string? ns, string name)
    {
        var binding = await RequestBody.ReadObject(context.Request, context.RequestAborted).ConfigureAwait(false);
        await PodBinding.Bind(service, pods, ns, name, binding, context.RequestAborted).ConfigureAwait(false);
        await Responses.WriteJson(context, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = 201 }, 201).ConfigureAwait(false);
    }

    public static async Task Evict(HttpContext context, ResourceService service, ResourceType pods, string? ns, string name)
    {
        var eviction = await RequestBody.ReadObject(context.Request, context.RequestAborted).ConfigureAwait(false);
        var pod = service.Get(pods, ns, name);
        // An eviction is admitted as a create of pods/eviction; the delete that follows is not admitted again.
        eviction = await service.AdmitSubresourceCreate(pods, pod.Namespace, name, "eviction", eviction, QueryOptions.Write(context.Request), context.RequestAborted).ConfigureAwait(false);
        if (BlockingBudget(service, pod) is { } budget)
            throw new ApiException((HttpStatusCode)429, "TooManyRequests",
                $"Cannot evict pod as it would violate the pod's disruption budget. The disruption budget {budget} needs more healthy pods");
        var options = QueryOptions.Delete(context.Request, eviction["deleteOptions"] as JsonObject);
        await service.Delete(pods, ns, name, options, admit: false, context.RequestAborted).ConfigureAwait(false);
        await Responses.WriteJson(context, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = 201 }, 201).ConfigureAwait(false);
    }

    /// <summary>
    /// The first PodDisruptionBudget in the pod's namespace that selects it and has no disruption
    /// to spare, computed from the pods themselves (the disruption controller is not simulated).
    /// Unhealthy pods may always be evicted, as with unhealthyPodEvictionPolicy AlwaysAllow.
    /// </summary>
    private static string? BlockingBudget(ResourceService service, StoredObject pod)
    {
        if (!IsHealthy(pod))
            return null;
        var budgets = service.Registry.Find("policy", "v1", "poddisruptionbudgets");
        if (budgets is null)
            return null;
        var podsType = service.Registry.Find("", "v1", "pods")!;
        foreach (var budget in service.Store.List(budgets.Key, pod.Namespace).Items)
        {
            var selector = k8s.KubernetesJson.Deserialize<k8s.Models.V1LabelSelector>(budget.Object["spec"]?["selector"]?.ToJsonString() ?? "{}");
            if (!LabelSelectors.Matches(selector, pod.Labels))
                continue;
            var selected = service.Store.List(podsType.Key, pod.Namespace).Items.Where(p => LabelSelectors.Matches(selector, p.Labels)).ToList();
            var healthy = selected.Count(IsHealthy);
            var spec = budget.Object["spec"];
            int desired;
            if (spec?["minAvailable"] is { } min)
                desired = IntOrStringValues.Scaled(min.ToString(), selected.Count, roundUp: true);
            else if (spec?["maxUnavailable"] is { } max)
                desired = selected.Count - IntOrStringValues.Scaled(max.ToString(), selected.Count, roundUp: true);
            else
                continue;
            if (healthy - desired < 1)
                return budget.Name;
        }
        return null;
    }

    private static bool IsHealthy(StoredObject pod) =>
        !ObjectMeta.IsDeleting(pod.Object)
        && (pod.Object["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .Any(c => (string?)c["type"] == "Ready" && (string?)c["status"] == "True") == true;
}
