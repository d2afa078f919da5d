using System.Text;
using Kruise.Actors.LocalCluster.Protobuf;

namespace Kruise.Actors.LocalCluster.Tests.OpenApi;

/// <summary>A decoded protobuf message for assertions: its fields by number, in wire order.</summary>
internal sealed class ProtoMessage
{
    private readonly List<(int Field, ulong Number, byte[] Bytes)> _fields = [];

    public ProtoMessage(byte[] bytes)
    {
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out var field, out var wire))
        {
            _fields.Add(wire switch
            {
                WireType.Varint => (field, reader.ReadVarint(), []),
                WireType.Fixed64 => (field, reader.ReadFixed64(), []),
                WireType.Fixed32 => (field, reader.ReadFixed32(), []),
                _ => (field, 0, reader.ReadLengthDelimited().ToArray()),
            });
        }
    }

    public bool Has(int field) => _fields.Exists(f => f.Field == field);

    public IEnumerable<ProtoMessage> Messages(int field) => _fields.Where(f => f.Field == field).Select(f => new ProtoMessage(f.Bytes));

    public ProtoMessage Message(int field) => Messages(field).Single();

    public IEnumerable<string> Strings(int field) => _fields.Where(f => f.Field == field).Select(f => Encoding.UTF8.GetString(f.Bytes));

    public string String(int field) => Strings(field).Single();

    public ulong Number(int field) => _fields.Single(f => f.Field == field).Number;

    public double Double(int field) => BitConverter.UInt64BitsToDouble(Number(field));

    /// <summary>The value of the gnostic Named* pair {1: name, 2: value} called <paramref name="name"/>.</summary>
    public ProtoMessage Named(int field, string name) => Messages(field).Single(m => m.String(1) == name).Message(2);

    public IEnumerable<string> Names(int field) => Messages(field).Select(m => m.String(1));
}
