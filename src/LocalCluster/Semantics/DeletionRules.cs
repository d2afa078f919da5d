using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>What a DELETE does to an object: remove it now (null) or mark it and keep it (the returned object).</summary>
public static class DeletionRules
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";
    public const string NamespaceFinalizer = "kubernetes";

    public static JsonObject? Plan(ResourceType type, JsonObject current, DeleteOptions options, DateTimeOffset now)
    {
        var next = (JsonObject)current.DeepClone();
        var metadata = ObjectMeta.Metadata(next);
        var finalizers = ObjectMeta.Finalizers(next);
        var alreadyDeleting = ObjectMeta.IsDeleting(current);

        if (IsNamespace(type))
            return PlanNamespace(current, next, options, now);

        if (type.Group == "" && type.Plural == "pods" && GracefulPodSeconds(current, options) is { } grace)
        {
            if (alreadyDeleting)
                return current;
            MarkDeleting(type, metadata, now.AddSeconds(grace), grace, false);
            return next;
        }

        AddPropagationFinalizer(options, finalizers);
        if (finalizers.Count == 0)
            return null;
        ObjectMeta.SetFinalizers(next, finalizers);
        MarkDeleting(type, metadata, now, 0, alreadyDeleting);
        return next;
    }

    /// <summary>
    /// Whether an update that leaves a deleting object without finalizers removes it, as the
    /// apiserver's ShouldDeleteDuringUpdate: only once no graceful termination is pending (a
    /// terminating pod stays until its kubelet deletes it), and for a namespace only once its
    /// spec.finalizers are empty too (the namespace controller clears them via /finalize).
    /// </summary>
    public static bool ShouldDeleteDuringUpdate(ResourceType type, JsonObject current, JsonObject next)
    {
        if (!ObjectMeta.IsDeleting(current) || ObjectMeta.Finalizers(next).Count > 0)
            return false;
        if (IsNamespace(type) && JsonRead.Count(next, "spec", "finalizers") > 0)
            return false;
        return JsonRead.Int(current, "metadata", "deletionGracePeriodSeconds") == 0;
    }

    /// <summary>
    /// The namespace registry's Delete: the first delete marks it Terminating and keeps it while
    /// spec.finalizers remain; a later delete is refused until the namespace controller has
    /// emptied it and cleared them, then it goes like any object (metadata finalizers honoured).
    /// </summary>
    private static JsonObject? PlanNamespace(JsonObject current, JsonObject next, DeleteOptions options, DateTimeOffset now)
    {
        var finalizers = ObjectMeta.Finalizers(next);
        var specFinalizers = JsonRead.Count(current, "spec", "finalizers");
        if (ObjectMeta.IsDeleting(current))
        {
            if (specFinalizers > 0)
                throw new ApiException(System.Net.HttpStatusCode.Conflict, "Conflict",
                    $"Operation cannot be fulfilled on namespaces \"{ObjectMeta.Name(current)}\": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.");
            return finalizers.Count == 0 ? null : current;
        }
        // Only deletionTimestamp: the namespace registry sets no deletionGracePeriodSeconds.
        ObjectMeta.Metadata(next)["deletionTimestamp"] = ObjectMeta.Timestamp(now);
        var status = next["status"] as JsonObject ?? [];
        status["phase"] = "Terminating";
        next["status"] = status;
        AddPropagationFinalizer(options, finalizers);
        ObjectMeta.SetFinalizers(next, finalizers);
        return specFinalizers == 0 && finalizers.Count == 0 ? null : next;
    }

    private static bool IsNamespace(ResourceType type) => type is { Group: "", Plural: "namespaces" };

    // The garbage collector acts on these: orphan strips the owner's references from its
    // dependents, foregroundDeletion deletes them before the owner.
    private static void AddPropagationFinalizer(DeleteOptions options, List<string> finalizers)
    {
        switch (options.PropagationPolicy)
        {
            case "Orphan" when !finalizers.Contains(OrphanFinalizer):
                finalizers.Add(OrphanFinalizer);
                break;
            case "Foreground" when !finalizers.Contains(ForegroundFinalizer):
                finalizers.Add(ForegroundFinalizer);
                break;
        }
    }

    /// <summary>
    /// A scheduled, still-running pod terminates gracefully: the kubelet stops it and deletes it
    /// with grace 0. Unscheduled or finished pods, and grace 0 (--force), go at once.
    /// </summary>
    private static long? GracefulPodSeconds(JsonObject pod, DeleteOptions options)
    {
        var phase = (string?)pod["status"]?["phase"];
        if (pod["spec"]?["nodeName"] is null || phase is "Succeeded" or "Failed")
            return null;
        var grace = options.GracePeriodSeconds ?? JsonRead.IntOrNull(pod, "spec", "terminationGracePeriodSeconds") ?? 30;
        if (grace <= 0)
            return null;
        if (ObjectMeta.IsDeleting(pod) && JsonRead.IntOrNull(pod, "metadata", "deletionGracePeriodSeconds") is { } current && grace < current)
            return null; // a shorter grace on a second delete finishes now, as `kubectl delete --grace-period=0 --force` expects
        return grace;
    }

    private static void MarkDeleting(ResourceType type, JsonObject metadata, DateTimeOffset at, long grace, bool alreadyDeleting)
    {
        if (alreadyDeleting)
        {
            // A later delete with a shorter grace period shortens the pending one (the apiserver's
            // BeforeDelete), so a pod force-deleted while it still has finalizers goes as soon as they do.
            if (JsonRead.Int(metadata, "deletionGracePeriodSeconds") > grace)
            {
                metadata["deletionTimestamp"] = ObjectMeta.Timestamp(at);
                metadata["deletionGracePeriodSeconds"] = grace;
            }
            return;
        }
        metadata["deletionTimestamp"] = ObjectMeta.Timestamp(at);
        metadata["deletionGracePeriodSeconds"] = grace;
        if (type.HasGeneration)
            metadata["generation"] = JsonRead.Int(metadata, "generation") + 1;
    }
}
