using k8s;
using k8s.Models;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Integration;

/// <summary>A watch sink that keeps a <see cref="WatchCache"/> and records every change it yields, as the watcher actor would.</summary>
public sealed class RecordingSink : IWatchSink
{
    private readonly Lock _gate = new();
    private readonly WatchCache _cache = new();
    private readonly List<WatchChange> _changes = [];
    private readonly List<string> _opened = [];
    private int _lists;

    public void Listed(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> items, string resourceVersion)
    {
        lock (_gate)
        {
            _lists++;
            _changes.AddRange(_cache.ApplyList(items));
        }
    }

    public void Changed(WatchChangeType type, IKubernetesObject<V1ObjectMeta> obj)
    {
        lock (_gate)
        {
            if (_cache.Apply(type, obj) is { } change)
                _changes.Add(change);
        }
    }

    public void WatchOpened(string resourceVersion)
    {
        lock (_gate)
            _opened.Add(resourceVersion);
    }

    public int Lists
    {
        get
        {
            lock (_gate)
                return _lists;
        }
    }

    public IReadOnlyList<string> Opened
    {
        get
        {
            lock (_gate)
                return [.. _opened];
        }
    }

    /// <summary>The changes seen in one namespace, as (type, name).</summary>
    public IReadOnlyList<(WatchChangeType Type, string Name)> In(string ns)
    {
        lock (_gate)
            return _changes.Where(c => c.Object.Metadata.NamespaceProperty == ns).Select(c => (c.Type, c.Object.Metadata.Name ?? "")).ToList();
    }
}
