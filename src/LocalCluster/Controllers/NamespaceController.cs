using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Controllers;

/// <summary>
/// kube-controller-manager's namespace controller: once a namespace is Terminating it deletes
/// every namespaced object in it (custom resources included), reports what remains in the
/// namespace's conditions, and when nothing remains clears its "kubernetes" spec finalizer
/// through /finalize, which removes the namespace. Objects that never go (a pod on a node with
/// no kubelet, an object whose finalizer nobody removes) keep it Terminating, as in a real cluster.
/// </summary>
internal sealed class NamespaceController : IFeedHandler
{
    private const int Workers = 4;
    private const int DeletesInParallel = 32;
    private static readonly StorageKey Namespaces = new("", "namespaces");

    // Deletions in the namespace re-trigger a pass; this re-check only covers what sends no event (a failed delete).
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(10);

    private readonly HashSet<string> _terminating = [];
    private readonly ObjectWrites _writes;
    private readonly WorkQueue<string> _queue;

    public NamespaceController(ObjectWrites writes, ILogger logger, CancellationToken stopping)
    {
        _writes = writes;
        _queue = new WorkQueue<string>("namespace", logger, stopping);
    }

    private ResourceService Service => _writes.Service;

    public void Start() => _queue.Start(Workers, Sync);

    public Task Stop() => _queue.Stop();

    /// <remarks>Runs on the single feed task: <c>_terminating</c> needs no lock.</remarks>
    public void OnChange(WatchEvent change)
    {
        var stored = change.Object;
        if (change.Key == Namespaces)
        {
            if (change.Type == WatchEventType.Deleted)
                _terminating.Remove(stored.Name);
            else if (ObjectMeta.IsDeleting(stored.Object) && _terminating.Add(stored.Name))
                _queue.Add(stored.Name);
            return;
        }
        // Something went (or arrived late) in a terminating namespace: it may be empty now.
        if (change.Type != WatchEventType.Modified && stored.Namespace.Length > 0 && _terminating.Contains(stored.Namespace))
            _queue.Add(stored.Namespace);
    }

    private async Task Sync(string name, CancellationToken cancellationToken)
    {
        var type = Service.Registry.Storage(Namespaces)!;
        var ns = Service.Store.Get(Namespaces, "", name);
        if (ns is null || !ObjectMeta.IsDeleting(ns.Object))
            return;
        // Already finalized by this controller; other spec finalizers belong to someone else.
        if (!JsonRead.Strings(ns.Object, "spec", "finalizers").Contains(DeletionRules.NamespaceFinalizer))
            return;
        var uid = ObjectMeta.Uid(ns.Object)!;
        var content = await DeleteContent(name, cancellationToken).ConfigureAwait(false);
        await _writes.Mutate(type, "", name, uid, o => NamespaceConditions.Apply(o, content, Service.Clock.GetUtcNow()), "status", cancellationToken).ConfigureAwait(false);
        if (!content.Empty)
        {
            _queue.AddAfter(name, Recheck);
            return;
        }
        await _writes.Mutate(type, "", name, uid, RemoveNamespaceFinalizer, "finalize", cancellationToken).ConfigureAwait(false);
    }

    private static void RemoveNamespaceFinalizer(JsonObject ns)
    {
        var spec = ns["spec"] as JsonObject ?? [];
        var others = JsonRead.Strings(spec, "finalizers").Where(f => f != DeletionRules.NamespaceFinalizer).Select(f => (JsonNode?)f).ToArray();
        if (others.Length == 0)
            spec.Remove("finalizers");
        else
            spec["finalizers"] = new JsonArray(others);
        ns["spec"] = spec;
    }

    /// <summary>Delete (in the background, as the real controller does) everything in the namespace, then count what is left.</summary>
    private async Task<NamespaceContent> DeleteContent(string ns, CancellationToken cancellationToken)
    {
        var content = new NamespaceContent();
        var types = Service.Registry.All.Where(t => t.Namespaced && t.Version == t.StorageVersion).DistinctBy(t => t.Key).ToList();
        foreach (var type in types)
        {
            var items = Service.Store.List(type.Key, ns).Items.Where(i => !ObjectMeta.IsDeleting(i.Object)).ToList();
            var failures = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = DeletesInParallel, CancellationToken = cancellationToken }, async (item, ct) =>
            {
                try
                {
                    await _writes.Delete(type, ns, item.Name, ObjectMeta.Uid(item.Object) ?? "", "Background", ct).ConfigureAwait(false);
                }
                catch (ApiException e)
                {
                    failures.Add(e.Message);
                }
            }).ConfigureAwait(false);
            if (!failures.IsEmpty)
                content.Failures.Add($"{type.Plural}.{type.Group}: {failures.First()}");
            var left = Service.Store.List(type.Key, ns).Items;
            if (left.Count == 0)
                continue;
            content.Remaining[$"{type.Plural}.{type.Group}"] = left.Count;
            foreach (var finalizer in left.SelectMany(i => ObjectMeta.Finalizers(i.Object)))
                content.Finalizers[finalizer] = content.Finalizers.GetValueOrDefault(finalizer) + 1;
        }
        return content;
    }
}
