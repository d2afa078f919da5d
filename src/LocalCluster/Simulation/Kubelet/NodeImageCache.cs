using System.Collections.Concurrent;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// The images on each simulated node (normalised reference → from when it is there; a time
/// still ahead is a pull under way). Shared by the workers syncing that node's pods.
/// </summary>
internal sealed class NodeImageCache
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, DateTimeOffset>> _nodes = new(StringComparer.Ordinal);

    public Func<string, DateTimeOffset?> Lookup(string node)
    {
        var images = Images(node);
        return image => images.TryGetValue(image, out var at) ? at : null;
    }

    /// <summary>An image is (or will be) on the node at <paramref name="availableAt"/>; an earlier time already known wins.</summary>
    public void Add(string node, string image, DateTimeOffset availableAt) =>
        Images(node).AddOrUpdate(image, availableAt, (_, known) => known < availableAt ? known : availableAt);

    private ConcurrentDictionary<string, DateTimeOffset> Images(string node) =>
        _nodes.GetOrAdd(node, static _ => new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal));
}
