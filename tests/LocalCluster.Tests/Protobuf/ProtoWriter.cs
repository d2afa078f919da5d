using System.Text;

namespace Kruise.Actors.LocalCluster.Tests.Protobuf;

/// <summary>
/// Builds protobuf bytes for tests that need fields no kubectl generator sets (Deployment
/// strategies, timestamps, managedFields) or deliberately broken input.
/// </summary>
public sealed class ProtoWriter
{
    private readonly List<byte> bytes = [];

    /// <summary>A kubectl-style body: magic, then runtime.Unknown{typeMeta, raw, contentEncoding}.</summary>
    public static byte[] Body(string apiVersion, string kind, Action<ProtoWriter> obj, string contentEncoding = "")
    {
        var unknown = new ProtoWriter()
            .Message(1, t => t.String(1, apiVersion).String(2, kind))
            .Message(2, obj)
            .String(3, contentEncoding)
            .String(4, "");
        return [.. "k8s\0"u8.ToArray(), .. unknown.ToArray()];
    }

    public ProtoWriter Varint(int field, long value) => Tag(field, 0).RawVarint(unchecked((ulong)value));

    public ProtoWriter Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2).RawVarint((ulong)value.Length);
        bytes.AddRange(value);
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> build)
    {
        var nested = new ProtoWriter();
        build(nested);
        return Bytes(field, nested.ToArray());
    }

    /// <summary>One map entry {1: key, 2: value}.</summary>
    public ProtoWriter Entry(int field, string key, string value) => Message(field, e => e.String(1, key).String(2, value));

    /// <summary>Packed repeated varints (proto3 style), which a proto2 parser must accept too.</summary>
    public ProtoWriter Packed(int field, params long[] values)
    {
        var packed = new ProtoWriter();
        foreach (var v in values)
        {
            packed.RawVarint(unchecked((ulong)v));
        }
        return Bytes(field, packed.ToArray());
    }

    public ProtoWriter Raw(params byte[] raw)
    {
        bytes.AddRange(raw);
        return this;
    }

    public byte[] ToArray() => [.. bytes];

    private ProtoWriter Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private ProtoWriter RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return this;
    }
}
