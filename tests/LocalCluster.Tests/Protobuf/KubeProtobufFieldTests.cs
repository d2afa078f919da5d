using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Protobuf;

namespace Kruise.Actors.LocalCluster.Tests.Protobuf;

/// <summary>
/// Field semantics no kubectl generator exercises: Deployment strategies, timestamps,
/// ownerReferences, managedFields, pointer zeros, negative and packed numbers, map order.
/// </summary>
public class KubeProtobufFieldTests
{
    private const long Jan1st2024 = 1_704_067_200;

    [Fact]
    public void Deployment_with_strategy_metadata_and_pointer_zeros_decodes_as_go_writes_it()
    {
        var body = ProtoWriter.Body("apps/v1", "Deployment", d => d
            .Message(1, m => m
                .String(1, "web")
                .String(2, "") // zero strings are on the wire for every non-pointer field
                .Message(9, t => t.Varint(1, Jan1st2024))
                .Message(13, o => o.String(5, "apps/v1").String(1, "ReplicaSet").String(3, "rs").String(4, "u-1").Bool(6, false))
                .String(14, "example.com/cleanup")
                .Message(17, f => f
                    .String(1, "kubectl").String(2, "Update").String(3, "apps/v1")
                    .Message(4, t => t.Varint(1, Jan1st2024).Varint(2, 999)) // nanos are dropped, as Go does
                    .String(6, "FieldsV1")
                    .Message(7, r => r.String(1, """{"f:spec":{"f:replicas":{}}}"""))))
            .Message(2, s => s
                .Varint(1, 0)
                .Message(2, l => l.Entry(1, "app", "web"))
                .Message(3, t => t
                    .Message(1, m => m.Entry(11, "app", "web"))
                    .Message(2, p => p.Message(2, c => c.String(1, "web").String(2, "nginx"))))
                .Message(4, st => st
                    .String(1, "RollingUpdate")
                    .Message(2, r => r
                        .Message(1, i => i.Varint(1, 0).Varint(2, 0))
                        .Message(2, i => i.Varint(1, 1).String(3, "25%"))))
                .Varint(5, 10)
                .Varint(6, 0)
                .Bool(7, true)
                .Varint(9, 600))
            .Message(3, _ => { }));

        AssertJson("""
            {"kind":"Deployment","apiVersion":"apps/v1",
             "metadata":{"name":"web","deletionTimestamp":"2024-01-01T00:00:00Z",
               "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u-1","controller":false}],
               "finalizers":["example.com/cleanup"],
               "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"apps/v1","time":"2024-01-01T00:00:00Z",
                 "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]},
             "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx","resources":{}}]}},
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}},
               "minReadySeconds":10,"revisionHistoryLimit":0,"paused":true,"progressDeadlineSeconds":600},
             "status":{}}
            """, KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Always_written_fields_get_go_zero_values_and_omitempty_fields_drop_them()
    {
        // ServicePort.port and targetPort have no omitempty effect; name and nodePort do.
        var body = ProtoWriter.Body("v1", "Service", s => s
            .Message(1, m => m.String(1, "svc"))
            .Message(2, spec => spec.Message(1, p => p.String(1, "").Varint(5, 0)).String(4, "ClusterIP")));

        AssertJson("""
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"svc"},
             "spec":{"ports":[{"port":0,"targetPort":0}],"type":"ClusterIP"},
             "status":{"loadBalancer":{}}}
            """, KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Negative_numbers_packed_lists_and_pointer_zeros_survive()
    {
        var body = ProtoWriter.Body("batch/v1", "Job", j => j
            .Message(2, s => s.Message(6, t => t.Message(2, p => p
                .Message(2, c => c.String(1, "main"))
                .Varint(25, -5) // priority: int32 sent as a 10-byte varint
                .Message(14, sc => sc.Varint(2, 0).Packed(4, 1000, 2000))))));

        var spec = KubeProtobuf.Decode(body)["spec"]!["template"]!["spec"]!;

        Assert.Equal(-5, (int)spec["priority"]!);
        AssertJson("""{"runAsUser":0,"supplementalGroups":[1000,2000]}""", spec["securityContext"]!);
    }

    [Fact]
    public void Map_keys_come_out_sorted_and_a_missing_value_is_empty()
    {
        var body = ProtoWriter.Body("v1", "Secret", s => s
            .Message(2, e => e.String(1, "b").Bytes(2, [0xff, 0x00]))
            .Message(2, e => e.String(1, "a"))
            .String(3, "Opaque"));

        AssertJson("""{"a":"","b":"/wA="}""", KubeProtobuf.Decode(body)["data"]!);
    }

    [Fact]
    public void Zero_time_is_left_out_and_the_epoch_is_a_real_time()
    {
        var body = ProtoWriter.Body("v1", "Namespace", n => n.Message(1, m => m
            .String(1, "ns")
            .Message(8, _ => { })
            .Message(9, t => t.Varint(1, 0))));

        AssertJson("""{"name":"ns","deletionTimestamp":"1970-01-01T00:00:00Z"}""", KubeProtobuf.Decode(body)["metadata"]!);
    }

    [Fact]
    public void Unknown_fields_holding_only_zero_values_are_ignored()
    {
        // Newer kubectl versions write fields this server does not know, zero when unset.
        var body = ProtoWriter.Body("v1", "ConfigMap", c => c
            .Message(1, m => m.String(1, "cm").String(99, "").Varint(98, 0).Message(97, z => z.String(1, "").Varint(2, 0)))
            .Entry(2, "k", "v"));

        AssertJson("""{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm"},"data":{"k":"v"}}""", KubeProtobuf.Decode(body));
    }

    [Theory]
    [InlineData("application/vnd.kubernetes.protobuf", true)]
    [InlineData("Application/VND.Kubernetes.Protobuf; charset=binary", true)]
    [InlineData(" application/vnd.kubernetes.protobuf ;stream=watch", true)]
    [InlineData("application/json", false)]
    [InlineData("application/vnd.kubernetes.protobuf+json", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsProtobuf_matches_the_media_type_only(string? contentType, bool expected) =>
        Assert.Equal(expected, KubeProtobuf.IsProtobuf(contentType));

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.Equal(Fixtures.Text(JsonNode.Parse(expected)!), Fixtures.Text(actual));
}
