using System.Collections.Immutable;
using Akka.Actor;
using Akka.Serialization;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Persistence;

/// <summary>
/// Akka serializer for every type in an <see cref="EventRegistry"/>: System.Text.Json payload plus
/// the registry's short manifest, so the journal and snapshot rows hold no CLR type names.
/// </summary>
public sealed class EventSerializer(ExtendedActorSystem system, EventCodec codec) : SerializerWithStringManifest(system)
{
    public const int Id = 7301;

    public override int Identifier => Id;

    public override byte[] ToBinary(object obj) => codec.Encode(obj);

    public override object FromBinary(byte[] bytes, string manifest) => codec.Decode(bytes, manifest);

    public override string Manifest(object o) => codec.ManifestOf(o);

    /// <summary>
    /// Binds this serializer to every registered type and, when <paramref name="watched"/> is given,
    /// the <see cref="ObservationSerializer"/> to the watchers' messages (added to the actor system's setup).
    /// </summary>
    public static SerializationSetup Setup(EventRegistry registry, IReadOnlyList<WatchedResource>? watched = null)
    {
        var codec = new EventCodec(registry);
        var types = registry.Types.ToImmutableHashSet();
        return SerializationSetup.Create(system =>
        {
            var details = ImmutableHashSet.Create(SerializerDetails.Create("kruise-events", new EventSerializer(system, codec), types));
            return watched is null
                ? details
                : details.Add(SerializerDetails.Create("kruise-observations", new ObservationSerializer(system, watched), ObservationSerializer.Types));
        });
    }
}
