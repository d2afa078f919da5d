using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Kruise.Actors.Crds.Common;

/// <summary>
/// Free-form JSON held as is (Kubernetes' runtime.RawExtension), for schemaless fields such as a
/// subset's patch. Reads and writes the same value through KubernetesJson and KubernetesYaml, so
/// nothing is lost or retyped on a round trip ("3" stays a string, 3 a number).
/// </summary>
[JsonConverter(typeof(RawExtensionJsonConverter))]
public sealed class RawExtension : IYamlConvertible
{
    public RawExtension()
    {
    }

    public RawExtension(JsonNode? value) => Value = value;

    /// <summary>The JSON value; null for JSON null.</summary>
    public JsonNode? Value { get; set; }

    /// <summary>The value as an object, or null when it is anything else.</summary>
    public JsonObject? AsObject() => Value as JsonObject;

    public static RawExtension Parse(string json) => new(JsonNode.Parse(json));

    public override string ToString() => Value?.ToJsonString() ?? "null";

    void IYamlConvertible.Read(IParser parser, Type expectedType, ObjectDeserializer nestedObjectDeserializer) =>
        Value = ReadYaml(parser);

    void IYamlConvertible.Write(IEmitter emitter, ObjectSerializer nestedObjectSerializer) =>
        WriteYaml(emitter, Value);

    private static JsonNode? ReadYaml(IParser parser)
    {
        if (parser.TryConsume<MappingStart>(out _))
        {
            var map = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>().Value;
                map[key] = ReadYaml(parser);
            }
            return map;
        }
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var list = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
                list.Add(ReadYaml(parser));
            return list;
        }
        return ReadScalar(parser.Consume<Scalar>());
    }

    // YAML 1.2 core schema for plain scalars; quoted scalars are always strings.
    private static JsonValue? ReadScalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is not ScalarStyle.Plain)
            return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }

    private static void WriteYaml(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar("null"));
                break;
            case JsonObject map:
                emitter.Emit(new MappingStart());
                foreach (var (key, value) in map)
                {
                    emitter.Emit(new Scalar(key));
                    WriteYaml(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray list:
                emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
                foreach (var item in list)
                    WriteYaml(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            default:
                if (node.GetValueKind() == JsonValueKind.String)
                    emitter.Emit(new Scalar(null, null, node.GetValue<string>(), ScalarStyle.DoubleQuoted, false, true));
                else
                    emitter.Emit(new Scalar(node.ToJsonString()));
                break;
        }
    }
}

/// <summary>Writes a RawExtension as its bare JSON value.</summary>
public sealed class RawExtensionJsonConverter : JsonConverter<RawExtension>
{
    public override RawExtension Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonNode.Parse(ref reader));

    public override void Write(Utf8JsonWriter writer, RawExtension value, JsonSerializerOptions options)
    {
        if (value?.Value is null)
            writer.WriteNullValue();
        else
            value.Value.WriteTo(writer);
    }
}
