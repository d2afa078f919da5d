namespace Kruise.Actors.LocalCluster.Protobuf;

/// <summary>Protobuf wire types (https://protobuf.dev/programming-guides/encoding/).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    Len = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// Forward-only reader of the protobuf wire format over a byte span. Every malformed input
/// (truncation, over-long varints, groups, bad lengths) becomes a 400 so callers never see
/// an IndexOutOfRange or overflow from hostile bodies.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private const int MaxZeroCheckDepth = 16;

    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public readonly bool AtEnd => position >= data.Length;

    /// <summary>Reads the next field key; false at the end of the message.</summary>
    public bool TryReadTag(out int fieldNumber, out WireType wireType)
    {
        if (AtEnd)
        {
            fieldNumber = 0;
            wireType = default;
            return false;
        }
        var key = ReadVarint();
        var number = key >> 3;
        wireType = (WireType)(key & 7);
        if (number is 0 or > 536_870_911)
        {
            throw Malformed($"invalid field number {number}");
        }
        if (wireType is WireType.StartGroup or WireType.EndGroup || (int)wireType > 5)
        {
            // Kubernetes' proto2 schemas use no groups; anything else is not a body we understand.
            throw Malformed($"unsupported wire type {(int)wireType} for field {number}");
        }
        fieldNumber = (int)number;
        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (position >= data.Length)
            {
                throw Malformed("truncated varint");
            }
            var b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw Malformed("varint longer than 10 bytes");
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(data.Length - position))
        {
            throw Malformed($"length {length} runs past the end of the message");
        }
        var slice = data.Slice(position, (int)length);
        position += (int)length;
        return slice;
    }

    /// <summary>Reads a varint after checking the field was sent as one.</summary>
    public ulong ReadVarint(WireType actual, string path)
    {
        Expect(actual, WireType.Varint, path);
        return ReadVarint();
    }

    /// <summary>Reads a length-delimited value after checking the field was sent as one.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited(WireType actual, string path)
    {
        Expect(actual, WireType.Len, path);
        return ReadLengthDelimited();
    }

    private static void Expect(WireType actual, WireType expected, string path)
    {
        if (actual != expected)
        {
            throw Malformed($"{path} sent with wire type {(int)actual}, expected {(int)expected}");
        }
    }

    public ulong ReadFixed64()
    {
        if (data.Length - position < 8)
        {
            throw Malformed("truncated fixed64");
        }
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(position, 8));
        position += 8;
        return value;
    }

    public uint ReadFixed32()
    {
        if (data.Length - position < 4)
        {
            throw Malformed("truncated fixed32");
        }
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(position, 4));
        position += 4;
        return value;
    }

    /// <summary>
    /// Skips a field this decoder does not know and reports whether it carried only a zero
    /// value. Go's generated marshallers write every non-pointer field, zero or not, so zero
    /// unknown fields are normal and lose nothing; a non-zero one would be silently dropped.
    /// </summary>
    public bool SkipAndCheckZero(WireType wireType) => SkipAndCheckZero(wireType, 0);

    private bool SkipAndCheckZero(WireType wireType, int depth) => wireType switch
    {
        WireType.Varint => ReadVarint() == 0,
        WireType.Fixed64 => ReadFixed64() == 0,
        WireType.Fixed32 => ReadFixed32() == 0,
        _ => IsZeroMessage(ReadLengthDelimited(), depth + 1),
    };

    /// <summary>
    /// True if the bytes are empty or parse as a message whose fields are all zero (an unset
    /// non-pointer struct, which Go still writes). Non-empty text practically never parses so.
    /// </summary>
    private static bool IsZeroMessage(ReadOnlySpan<byte> bytes, int depth)
    {
        if (bytes.IsEmpty)
        {
            return true;
        }
        if (depth > MaxZeroCheckDepth)
        {
            return false; // bounded recursion: hostile nesting counts as data, not as zero
        }
        try
        {
            var nested = new ProtoReader(bytes);
            while (nested.TryReadTag(out _, out var wire))
            {
                if (!nested.SkipAndCheckZero(wire, depth))
                {
                    return false;
                }
            }
            return true;
        }
        catch (ApiException)
        {
            return false; // not a message: a non-empty string or bytes value
        }
    }

    public static ApiException Malformed(string detail) =>
        ApiException.BadRequest($"malformed protobuf body: {detail}");
}
