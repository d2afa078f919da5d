using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Controllers;

/// <summary>
/// Keeps one named object in every active namespace, creating it when the namespace appears and
/// again whenever it is deleted: the serviceaccount controller's "default" ServiceAccount and the
/// root-CA publisher's kube-root-ca.crt ConfigMap. <paramref name="restore"/>, when given, puts back
/// the fields the real controller insists on after someone changes them.
/// </summary>
internal sealed class NamespaceObjectPublisher(
    string controller, ResourceType type, string objectName, Func<string, JsonObject> build, Action<JsonObject>? restore,
    ObjectWrites writes, ILogger logger, CancellationToken stopping) : IFeedHandler
{
    private static readonly StorageKey Namespaces = new("", "namespaces");

    private readonly WorkQueue<string> _queue = new(controller, logger, stopping);

    public static NamespaceObjectPublisher DefaultServiceAccount(ObjectWrites writes, ILogger logger, CancellationToken stopping) =>
        new("serviceaccount", writes.Service.Registry.Find("", "v1", "serviceaccounts")!, "default",
            ns => new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns },
            },
            null, writes, logger, stopping);

    public static NamespaceObjectPublisher RootCa(string caPem, ObjectWrites writes, ILogger logger, CancellationToken stopping)
    {
        const string Description = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";
        void Restore(JsonObject cm)
        {
            var annotations = ObjectMeta.Metadata(cm)["annotations"] as JsonObject ?? [];
            if (JsonRead.Str(annotations, "kubernetes.io/description").Length == 0)
                annotations["kubernetes.io/description"] = Description;
            ObjectMeta.Metadata(cm)["annotations"] = annotations;
            cm["data"] = new JsonObject { ["ca.crt"] = caPem };
        }
        return new("root-ca-cert-publisher", writes.Service.Registry.Find("", "v1", "configmaps")!, "kube-root-ca.crt",
            ns =>
            {
                var cm = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "ConfigMap",
                    ["metadata"] = new JsonObject { ["name"] = "kube-root-ca.crt", ["namespace"] = ns },
                };
                Restore(cm);
                return cm;
            },
            Restore, writes, logger, stopping);
    }

    public void Start() => _queue.Start(1, Sync);

    public Task Stop() => _queue.Stop();

    public void OnChange(WatchEvent change)
    {
        var stored = change.Object;
        if (change.Key == Namespaces && change.Type != WatchEventType.Deleted && !ObjectMeta.IsDeleting(stored.Object))
            _queue.Add(stored.Name);
        else if (change.Key == type.Key && stored.Name == objectName && change.Type != WatchEventType.Added)
            _queue.Add(stored.Namespace);
    }

    private async Task Sync(string ns, CancellationToken cancellationToken)
    {
        var store = writes.Service.Store;
        var owner = store.Get(Namespaces, "", ns);
        if (owner is null || ObjectMeta.IsDeleting(owner.Object))
            return;
        var existing = store.Get(type.Key, ns, objectName);
        if (existing is null)
            await writes.Create(type, ns, build(ns), cancellationToken).ConfigureAwait(false);
        else if (restore is not null && !ObjectMeta.IsDeleting(existing.Object))
            await writes.Mutate(type, ns, objectName, ObjectMeta.Uid(existing.Object)!, restore, null, cancellationToken).ConfigureAwait(false);
    }
}
