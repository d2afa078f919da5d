using System.Net;
using Kruise.Actors.LocalCluster.Protobuf;

namespace Kruise.Actors.LocalCluster.Tests.Protobuf;

/// <summary>
/// Bodies the decoder refuses: 415 (send JSON instead) for what it does not decode, 400 for
/// broken bytes, and never any other exception, whatever the input.
/// </summary>
public class KubeProtobufErrorTests
{
    [Fact]
    public void Kinds_not_decoded_get_415_naming_the_supported_ones()
    {
        var body = ProtoWriter.Body("v1", "Pod", p => p.Message(1, m => m.String(1, "p")));

        var e = Refused(HttpStatusCode.UnsupportedMediaType, body);

        Assert.Equal("UnsupportedMediaType", e.Reason);
        Assert.Contains("protobuf bodies are accepted for v1 Namespace, v1 ConfigMap", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("send JSON for v1 Pod", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_the_server_would_drop_gets_415_naming_where_it_is()
    {
        // VolumeSource 3 is gcePersistentDisk, deliberately not decoded.
        var body = ProtoWriter.Body("apps/v1", "Deployment", d => d
            .Message(2, s => s.Message(3, t => t.Message(2, p => p
                .Message(1, v => v.String(1, "disk").Message(2, src => src.Message(3, g => g.String(1, "pd-1"))))))));

        var e = Refused(HttpStatusCode.UnsupportedMediaType, body);

        Assert.Equal(
            "protobuf field 3 of VolumeSource at Deployment.spec.template.spec.volumes[0] is not understood by this server; send the object as JSON",
            e.Message);
    }

    [Fact]
    public void Compressed_bodies_get_415() =>
        Refused(HttpStatusCode.UnsupportedMediaType, ProtoWriter.Body("v1", "Namespace", _ => { }, contentEncoding: "gzip"));

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'{', (byte)'}' })]
    [InlineData(new byte[] { (byte)'k', (byte)'8', (byte)'s' })]
    public void Bodies_without_the_magic_get_400(byte[] body) => Refused(HttpStatusCode.BadRequest, body);

    [Fact]
    public void A_field_sent_with_the_wrong_wire_type_gets_400()
    {
        var body = ProtoWriter.Body("v1", "Namespace", n => n.Message(1, m => m.Varint(1, 5))); // name as a number

        Assert.Contains("Namespace.metadata.name", Refused(HttpStatusCode.BadRequest, body).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Impossible_known_type_values_get_400()
    {
        Refused(HttpStatusCode.BadRequest, ProtoWriter.Body("policy/v1", "PodDisruptionBudget", p => p
            .Message(2, s => s.Message(1, i => i.Varint(1, 2)))));
        Refused(HttpStatusCode.BadRequest, ProtoWriter.Body("v1", "ResourceQuota", q => q
            .Message(2, s => s.Message(1, e => e.String(1, "cpu").Message(2, v => v.String(1, ""))))));
        Refused(HttpStatusCode.BadRequest, ProtoWriter.Body("v1", "Namespace", n => n
            .Message(1, m => m.Message(9, t => t.Varint(1, long.MaxValue)))));
        Refused(HttpStatusCode.BadRequest, ProtoWriter.Body("v1", "Namespace", n => n
            .Message(1, m => m.Message(17, f => f.Message(7, r => r.String(1, "{not json"))))));
    }

    [Fact]
    public void Groups_and_overlong_varints_get_400()
    {
        Refused(HttpStatusCode.BadRequest, ProtoWriter.Body("v1", "Namespace", n => n.Raw(0x0B))); // field 1, start group
        Refused(HttpStatusCode.BadRequest, ProtoWriter.Body("v1", "Namespace", n => n.Raw([0x38, .. Enumerable.Repeat((byte)0xFF, 11)])));
    }

    [Fact]
    public void Deeply_nested_unknown_fields_are_refused_without_exhausting_the_stack()
    {
        var body = ProtoWriter.Body("v1", "Namespace", n => n.Raw(Nested(100_000)));

        Refused(HttpStatusCode.UnsupportedMediaType, body);
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void Every_truncation_of_a_real_body_decodes_or_is_refused_cleanly(string name)
    {
        var body = Fixtures.Body(name);
        for (var length = 0; length < body.Length; length++)
        {
            DecodesOrRefuses(body.AsSpan(0, length).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void Random_corruption_of_a_real_body_decodes_or_is_refused_cleanly(string name)
    {
        var random = new Random(name.Length * 7919); // deterministic per fixture
        var original = Fixtures.Body(name);
        for (var round = 0; round < 300; round++)
        {
            var body = original.ToArray();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                body[random.Next(4, body.Length)] = (byte)random.Next(256);
            }
            DecodesOrRefuses(body);
        }
    }

    /// <summary>Field 50 holding field 1 holding field 1 ... levels deep, ending in a varint 1.</summary>
    private static byte[] Nested(int levels)
    {
        // Built inside out in one pass: each level is a tag plus the varint length of what it wraps.
        var headers = new List<byte[]>();
        var size = 2; // the innermost field: tag 0x08, value 1
        for (var i = 0; i < levels; i++)
        {
            byte[] tag = i == levels - 1 ? [0x92, 0x03] : [0x0A]; // field 50 outermost, field 1 inside
            headers.Add([.. tag, .. Varint((uint)size)]);
            size += headers[^1].Length;
        }
        headers.Reverse();
        return [.. headers.SelectMany(h => h), 0x08, 0x01];
    }

    private static byte[] Varint(uint value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7)
        {
            bytes.Add((byte)(value | 0x80));
        }
        bytes.Add((byte)value);
        return [.. bytes];
    }

    public static TheoryData<string> FixtureCases => [.. Fixtures.Names];

    private static void DecodesOrRefuses(byte[] body)
    {
        try
        {
            KubeProtobuf.Decode(body);
        }
        catch (ApiException e) when (e.Code is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType)
        {
        }
    }

    private static ApiException Refused(HttpStatusCode code, byte[] body)
    {
        var e = Assert.Throws<ApiException>(() => KubeProtobuf.Decode(body));
        Assert.Equal(code, e.Code);
        return e;
    }
}
