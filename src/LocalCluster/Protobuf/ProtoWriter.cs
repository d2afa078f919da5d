using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Kruise.Actors.LocalCluster.Protobuf;

/// <summary>
/// Appends protobuf wire-format fields (https://protobuf.dev/programming-guides/encoding/), the
/// counterpart of <see cref="ProtoReader"/>. Nested messages are built in their own writer and
/// copied in behind their length, which costs a copy per nesting level but needs no size pass.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public ProtoWriter Varint(int field, long value) => Tag(field, WireType.Varint).RawVarint(unchecked((ulong)value));

    public ProtoWriter Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    /// <summary>A double (fixed64, little-endian IEEE 754).</summary>
    public ProtoWriter Double(int field, double value)
    {
        Tag(field, WireType.Fixed64);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public ProtoWriter String(int field, string value)
    {
        Tag(field, WireType.Len).RawVarint((ulong)Encoding.UTF8.GetByteCount(value));
        var written = Encoding.UTF8.GetBytes(value, _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length)));
        _buffer.Advance(written);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, WireType.Len).RawVarint((ulong)value.Length);
        return Raw(value);
    }

    /// <summary>An embedded message; written even when empty, since presence can carry meaning.</summary>
    public ProtoWriter Message(int field, Action<ProtoWriter> build)
    {
        var nested = new ProtoWriter();
        build(nested);
        return Bytes(field, nested._buffer.WrittenSpan);
    }

    /// <summary>Packed repeated varints (proto3's default for repeated scalars).</summary>
    public ProtoWriter Packed(int field, params long[] values)
    {
        var packed = new ProtoWriter();
        foreach (var value in values)
            packed.RawVarint(unchecked((ulong)value));
        return Bytes(field, packed._buffer.WrittenSpan);
    }

    /// <summary>Bytes as they are, for callers that assemble wire data themselves.</summary>
    public ProtoWriter Raw(params ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private ProtoWriter Tag(int field, WireType wireType) => RawVarint((ulong)(((uint)field << 3) | (uint)wireType));

    private ProtoWriter RawVarint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        _buffer.Advance(i);
        return this;
    }
}
