using System.Globalization;
using Akka.Actor;
using Akka.Configuration;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// HOCON for a controller replica: Akka.Cluster with the keep-majority split-brain resolver, and
/// sharding that remembers entities in the journal (event-sourced store; the DData store hangs
/// with the packages served here) so entities of a lost replica restart elsewhere at once.
/// </summary>
public static class ClusterConfig
{
    public static Config For(RuntimeOptions options)
    {
        var hocon = string.Create(CultureInfo.InvariantCulture, $$"""
            akka {
              loglevel = {{options.LogLevel}}
              stdout-loglevel = WARNING
              actor.provider = cluster
              remote.dot-netty.tcp {
                hostname = "{{options.ClusterHost}}"
                port = {{options.ClusterPort}}
              }
              cluster {
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver.active-strategy = keep-majority
                run-coordinated-shutdown-when-down = on
                sharding {
                  remember-entities = on
                  remember-entities-store = eventsourced
                  state-store-mode = ddata
                  distributed-data.durable.keys = []
                }
              }
              coordinated-shutdown.run-by-clr-shutdown-hook = off
            }
            """);
        return ConfigurationFactory.ParseString(hocon);
    }

    /// <summary>Parses HOST:PORT seeds into cluster addresses of <paramref name="systemName"/>.</summary>
    public static IReadOnlyList<Address> SeedAddresses(string systemName, IEnumerable<string> seeds) =>
        seeds.Select(seed =>
        {
            var colon = seed.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(seed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw new FormatException($"seed \"{seed}\" is not HOST:PORT");
            return new Address("akka.tcp", systemName, seed[..colon], port);
        }).ToList();
}
