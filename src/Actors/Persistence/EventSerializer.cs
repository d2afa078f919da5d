using System.Collections.Immutable;
using Akka.Actor;
using Akka.Serialization;

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

    /// <summary>Binds the serializer to every registered type (added to the actor system's setup).</summary>
    public static SerializationSetup Setup(EventRegistry registry)
    {
        var codec = new EventCodec(registry);
        var types = registry.Types.ToImmutableHashSet();
        return SerializationSetup.Create(system =>
            ImmutableHashSet.Create(SerializerDetails.Create("kruise-events", new EventSerializer(system, codec), types)));
    }
}
