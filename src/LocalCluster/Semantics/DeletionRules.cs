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

        if (type.Group == "" && type.Plural == "namespaces")
        {
            // The namespace controller empties it and then removes the "kubernetes" finalizer.
            MarkDeleting(type, metadata, now, 0, alreadyDeleting);
            next["status"] = new JsonObject { ["phase"] = "Terminating" };
            return next;
        }

        if (type.Group == "" && type.Plural == "pods" && GracefulPodSeconds(current, options) is { } grace)
        {
            if (alreadyDeleting)
                return current;
            MarkDeleting(type, metadata, now.AddSeconds(grace), grace, false);
            return next;
        }

        switch (options.PropagationPolicy)
        {
            case "Orphan" when !finalizers.Contains(OrphanFinalizer):
                finalizers.Add(OrphanFinalizer);
                break;
            case "Foreground" when !finalizers.Contains(ForegroundFinalizer):
                finalizers.Add(ForegroundFinalizer);
                break;
        }
        if (finalizers.Count == 0)
            return null;
        ObjectMeta.SetFinalizers(next, finalizers);
        MarkDeleting(type, metadata, now, 0, alreadyDeleting);
        return next;
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
            return;
        metadata["deletionTimestamp"] = ObjectMeta.Timestamp(at);
        metadata["deletionGracePeriodSeconds"] = grace;
        if (type.HasGeneration)
            metadata["generation"] = JsonRead.Int(metadata, "generation") + 1;
    }
}
