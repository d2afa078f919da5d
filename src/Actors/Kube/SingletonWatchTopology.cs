using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Kube;

/// <summary>Where watches run, and whether they have listed (readiness).</summary>
public interface IWatchTopology : IObservationFeed
{
    Task<bool> AllListed(TimeSpan timeout);
}

/// <summary>
/// One watcher per resource as a cluster singleton (on the oldest replica), reached from every
/// replica through a singleton proxy: the API server sees one watch per resource however many
/// replicas run, and the watchers route to entities through the local shard regions. A
/// label-partitioned topology (each replica watching only the shards it hosts) can replace this
/// behind <see cref="IWatchTopology"/> without touching the entities.
/// </summary>
public sealed class SingletonWatchTopology : IWatchTopology
{
    private readonly Dictionary<WatchedResource, IActorRef> _proxies;

    private SingletonWatchTopology(Dictionary<WatchedResource, IActorRef> proxies)
    {
        _proxies = proxies;
    }

    public static SingletonWatchTopology Start(ActorSystem system, IEnumerable<WatchedResource> resources, Func<WatchedResource, Props> watcherProps)
    {
        var proxies = new Dictionary<WatchedResource, IActorRef>();
        foreach (var resource in resources.Distinct())
        {
            var name = "watch-" + resource.ToString();
            system.ActorOf(ClusterSingletonManager.Props(watcherProps(resource), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)), name);
            proxies[resource] = system.ActorOf(ClusterSingletonProxy.Props("/user/" + name, ClusterSingletonProxySettings.Create(system)), name + "-proxy");
        }
        return new SingletonWatchTopology(proxies);
    }

    public void RequestResync(EntityId entity, IReadOnlyList<WatchedResource> resources)
    {
        foreach (var resource in resources)
        {
            if (_proxies.TryGetValue(resource, out var proxy))
                proxy.Tell(new ResyncRequest(entity));
        }
    }

    public async Task<bool> AllListed(TimeSpan timeout)
    {
        try
        {
            var answers = await Task.WhenAll(_proxies.Values.Select(p => p.Ask<bool>(IsListed.Instance, timeout))).ConfigureAwait(false);
            return answers.All(listed => listed);
        }
        catch (AskTimeoutException)
        {
            return false;
        }
    }
}
