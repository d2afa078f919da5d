using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using k8s;
using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Kube;

/// <summary>
/// Wire format of what watchers send across replicas (observations through the shard regions,
/// resync requests to the singletons): the API object as the API server's JSON, its kind in the
/// manifest. Never persisted; only needed once replicas talk to each other.
/// </summary>
public sealed class ObservationSerializer(ExtendedActorSystem system, IEnumerable<WatchedResource> resources) : SerializerWithStringManifest(system)
{
    public const int Id = 7302;
    private const string Observed = "observed:";
    private const string Deleted = "deleted:";
    private const string Synced = "synced";
    private const string Resync = "resync";

    private readonly Dictionary<string, WatchedResource> _byKind = resources.GroupBy(r => r.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public static readonly ImmutableHashSet<Type> Types = [typeof(ObjectObserved), typeof(ObjectDeleted), typeof(ObservationsSynced), typeof(ResyncRequest)];

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        ObjectObserved observed => Observed + observed.Kind,
        ObjectDeleted deleted => Deleted + deleted.Kind,
        ObservationsSynced => Synced,
        ResyncRequest => Resync,
        _ => throw new ArgumentException($"cannot serialize {o.GetType().Name}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        ObjectObserved observed => Encoding.UTF8.GetBytes(KubernetesJson.Serialize(observed.Object)),
        ObjectDeleted deleted => Encoding.UTF8.GetBytes(KubernetesJson.Serialize(deleted.Object)),
        ObservationsSynced synced => Encoding.UTF8.GetBytes(synced.Kind),
        ResyncRequest resync => Encoding.UTF8.GetBytes(resync.Entity.ToString()),
        _ => throw new ArgumentException($"cannot serialize {obj.GetType().Name}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest == Synced)
            return new ObservationsSynced(Encoding.UTF8.GetString(bytes));
        if (manifest == Resync)
            return new ResyncRequest(EntityId.Parse(Encoding.UTF8.GetString(bytes)));
        var deleted = manifest.StartsWith(Deleted, StringComparison.Ordinal);
        var kind = manifest[(deleted ? Deleted : Observed).Length..];
        if (!_byKind.TryGetValue(kind, out var resource))
            throw new System.Runtime.Serialization.SerializationException($"no watched resource of kind {kind}");
        using var doc = JsonDocument.Parse(bytes);
        var obj = resource.Decode(doc.RootElement);
        return deleted ? new ObjectDeleted(kind, obj) : new ObjectObserved(kind, obj);
    }
}
