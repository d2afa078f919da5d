using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Selectors;

namespace Kruise.Actors.LocalCluster.Tests.Selectors;

public class FieldQueryTests
{
    private static readonly JsonObject Pod = Json("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","namespace":"shop"},
         "spec":{"nodeName":"node-1","restartPolicy":"Always","schedulerName":"default-scheduler","serviceAccountName":"default"},
         "status":{"phase":"Running","podIP":"10.0.0.7","podIPs":[{"ip":"10.0.0.7"}]}}
        """);

    private static readonly JsonObject Event = Json("""
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"web-0.17a","namespace":"shop"},
         "involvedObject":{"kind":"Pod","namespace":"shop","name":"web-0","uid":"u-1","apiVersion":"v1","fieldPath":"spec.containers{app}"},
         "reason":"Pulled","type":"Normal","reportingComponent":"kubelet","source":{}}
        """);

    [Theory]
    [InlineData("", true)]
    [InlineData("metadata.name=web-0", true)]
    [InlineData("metadata.name==web-0,metadata.namespace=shop", true)]
    [InlineData("metadata.namespace=other", false)]
    [InlineData("spec.nodeName=node-1", true)]
    [InlineData("spec.nodeName=", false)]
    [InlineData("spec.nodeName!=node-1", false)]
    [InlineData("status.phase!=Running", false)]
    [InlineData("status.phase!=Pending,spec.restartPolicy=Always", true)]
    [InlineData("status.podIP=10.0.0.7", true)]
    [InlineData("spec.hostNetwork=false", true)]
    [InlineData("spec.schedulerName=default-scheduler,spec.serviceAccountName=default", true)]
    [InlineData("status.nominatedNodeName=", true)]
    [InlineData("spec.host=node-1", true)]
    public void Selects_pods_by_their_field_labels(string selector, bool expected)
    {
        Assert.Equal(expected, FieldQuery.Parse(selector, FieldQuery.SupportedFields("", "Pod")).Matches(Pod));
    }

    [Theory]
    [InlineData("involvedObject.name=web-0,involvedObject.namespace=shop,involvedObject.uid=u-1", true)]
    [InlineData("involvedObject.kind=Pod,involvedObject.apiVersion=v1,involvedObject.fieldPath=spec.containers{app}", true)]
    [InlineData("involvedObject.uid=u-2", false)]
    [InlineData("reason=Pulled,type=Normal", true)]
    [InlineData("type=Warning", false)]
    [InlineData("source=kubelet", true)]
    [InlineData("reportingComponent=kubelet", true)]
    [InlineData("involvedObject.resourceVersion=", true)]
    public void Selects_events_as_kubectl_describe_does(string selector, bool expected)
    {
        Assert.Equal(expected, FieldQuery.Parse(selector, FieldQuery.SupportedFields("", "Event")).Matches(Event));
    }

    [Fact]
    public void Reads_unset_bools_as_false_and_unset_counts_as_zero()
    {
        var node = Json("""{"metadata":{"name":"node-1"},"spec":{}}""");
        var nodes = FieldQuery.SupportedFields("", "Node");
        Assert.True(FieldQuery.Parse("spec.unschedulable=false", nodes).Matches(node));
        Assert.False(FieldQuery.Parse("spec.unschedulable=true", nodes).Matches(node));

        var jobs = FieldQuery.SupportedFields("batch", "Job");
        Assert.True(FieldQuery.Parse("status.successful=0", jobs).Matches(Json("""{"metadata":{"name":"j"}}""")));
        Assert.True(FieldQuery.Parse("status.successful=2", jobs).Matches(Json("""{"metadata":{"name":"j"},"status":{"succeeded":2}}""")));

        var namespaces = FieldQuery.SupportedFields("", "Namespace");
        Assert.True(FieldQuery.Parse("status.phase=Active", namespaces).Matches(Json("""{"metadata":{"name":"a"},"status":{"phase":"Active"}}""")));
        var secrets = FieldQuery.SupportedFields("", "Secret");
        Assert.True(FieldQuery.Parse("type=kubernetes.io/tls", secrets).Matches(Json("""{"metadata":{"name":"s"},"type":"kubernetes.io/tls"}""")));
    }

    [Theory]
    [InlineData("", "Pod", "spec.foo=x", "field label not supported: spec.foo")]
    [InlineData("", "Pod", "status.phase=Running,spec.containers=x", "field label not supported: spec.containers")]
    [InlineData("", "Node", "metadata.namespace=x", "field label not supported: metadata.namespace")]
    [InlineData("", "Namespace", "metadata.namespace=x", "field label not supported: metadata.namespace")]
    [InlineData("", "ConfigMap", "spec.foo=x", "\"spec.foo\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    [InlineData("apps", "Deployment", "status.replicas=1", "\"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    [InlineData("batch", "Job", "status.failed=1", "field label \"status.failed\" not supported for batchv1.Job")]
    [InlineData("", "Pod", "metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'")]
    [InlineData("", "Pod", "metadata.name=a,b", "invalid selector: 'metadata.name=a,b'; can't understand 'b'")]
    [InlineData("", "Pod", "metadata.name=a=b", "invalid field selector: unescaped character in value: =")]
    [InlineData("", "Pod", "metadata.name=a\\x", "invalid field selector: invalid escape sequence: \\x")]
    [InlineData("", "Pod", "metadata.name=a\\", "invalid field selector: invalid escape sequence: \\")]
    public void Rejects_bad_selectors_with_the_api_servers_message(string group, string kind, string selector, string message)
    {
        var error = Assert.Throws<ApiException>(() => FieldQuery.Parse(selector, FieldQuery.SupportedFields(group, kind)));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Unescapes_values_and_prints_them_escaped_again()
    {
        var query = FieldQuery.Parse("metadata.name=a\\,b\\=c", FieldQuery.SupportedFields("", "ConfigMap"));
        Assert.True(query.Matches(Json("""{"metadata":{"name":"a,b=c"}}""")));
        Assert.Equal("metadata.name=a\\,b\\=c", query.ToString());
    }

    [Fact]
    public void Custom_resources_accept_metadata_and_their_selectable_fields()
    {
        var namespaced = FieldQuery.CustomResourceFields(namespaced: true, [".spec.color"]);
        var obj = Json("""{"metadata":{"name":"c","namespace":"ns"},"spec":{"color":"blue","replicas":3}}""");
        Assert.True(FieldQuery.Parse("metadata.namespace=ns,spec.color=blue", namespaced).Matches(obj));
        var error = Assert.Throws<ApiException>(() => FieldQuery.Parse("spec.replicas=3", namespaced));
        Assert.Equal("field label not supported: spec.replicas", error.Message);

        var clusterScoped = FieldQuery.CustomResourceFields(namespaced: false);
        Assert.Throws<ApiException>(() => FieldQuery.Parse("metadata.namespace=ns", clusterScoped));
    }

    [Fact]
    public void Objects_built_in_code_match_like_parsed_ones()
    {
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "p", ["uid"] = Guid.Empty },
            ["spec"] = new JsonObject { ["hostNetwork"] = true, ["nodeName"] = "n" },
        };
        var pods = FieldQuery.SupportedFields("", "Pod");
        Assert.True(FieldQuery.Parse("spec.hostNetwork=true,spec.nodeName=n,metadata.name=p", pods).Matches(pod));
        var query = FieldQuery.Parse("uid=00000000-0000-0000-0000-000000000000", new HashSet<string> { "uid" });
        Assert.True(query.Matches(new JsonObject { ["uid"] = Guid.Empty }));
    }

    [Fact]
    public void A_plain_set_of_labels_works_too()
    {
        var query = FieldQuery.Parse("spec.replicas=3", new HashSet<string> { "spec.replicas" });
        Assert.True(query.Matches(Json("""{"spec":{"replicas":3}}""")));
        Assert.Equal("field label not supported: x", Assert.Throws<ApiException>(() => FieldQuery.Parse("x=1", new HashSet<string>())).Message);
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
