using Kruise.Actors.LocalCluster.Patching;

namespace Kruise.Actors.LocalCluster.Tests.Patching;

public class StrategicMergePatchTests
{
    private static readonly StrategicMergeSchema Pod = StrategicMergeSchema.For("", "Pod");
    private static readonly StrategicMergeSchema Deployment = StrategicMergeSchema.For("apps", "Deployment");

    private const string TwoContainerDeployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
         "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[
           {"name":"a","image":"nginx:1","env":[{"name":"A","value":"1"},{"name":"C","value":"3"}],
            "ports":[{"containerPort":80,"name":"http"},{"containerPort":443}]},
           {"name":"b","image":"busybox"}]}}}}
        """;

    [Fact]
    public void Kubectl_apply_body_updates_a_and_deletes_b_in_a_pod()
    {
        var result = Json.Strategic(
            """{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"nginx:1","args":["x"]},{"name":"b","image":"busybox"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"image":"nginx:2","name":"a"},{"$patch":"delete","name":"b"}]}}""",
            Pod);
        Json.Equal("""{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"nginx:2","args":["x"]}]}}""", result);
    }

    [Fact]
    public void Kubectl_apply_body_under_a_deployment_template()
    {
        var result = Json.Strategic(
            TwoContainerDeployment,
            """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"image":"nginx:2","name":"a"},{"$patch":"delete","name":"b"}]}}}}""",
            Deployment);
        Json.Equal("""
            [{"name":"a","image":"nginx:2","env":[{"name":"A","value":"1"},{"name":"C","value":"3"}],
              "ports":[{"containerPort":80,"name":"http"},{"containerPort":443}]}]
            """, result["spec"]!["template"]!["spec"]!["containers"]);
        Json.Equal("""{"name":"web","labels":{"app":"web"}}""", result["metadata"]);
        Assert.Equal(2, (int)result["spec"]!["replicas"]!);
    }

    /// <summary>Without $setElementOrder a new item goes before the server-only items, as in the apiserver.</summary>
    [Fact]
    public void Env_merges_by_name()
    {
        var result = Json.Strategic(
            TwoContainerDeployment,
            """{"spec":{"template":{"spec":{"containers":[{"name":"a","env":[{"name":"A","value":"1x"},{"name":"B","value":"2"},{"name":"C","value":null,"valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]}]}}}}""",
            Deployment);
        Json.Equal("""
            [{"name":"A","value":"1x"},{"name":"B","value":"2"},{"name":"C","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]
            """, result["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]);
        Json.Equal("""{"name":"b","image":"busybox"}""", result["spec"]!["template"]!["spec"]!["containers"]![1]);
    }

    [Fact]
    public void Ports_merge_by_containerPort()
    {
        var result = Json.Strategic(
            TwoContainerDeployment,
            """{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":443,"name":"https"},{"containerPort":8080}]}]}}}}""",
            Deployment);
        Json.Equal("""[{"containerPort":80,"name":"http"},{"containerPort":443,"name":"https"},{"containerPort":8080}]""",
            result["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]);
    }

    [Fact]
    public void Service_ports_merge_by_port()
    {
        var result = Json.Strategic(
            """{"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}""",
            """{"spec":{"ports":[{"port":80,"targetPort":9090}]}}""",
            StrategicMergeSchema.For("", "Service"));
        Json.Equal("""{"spec":{"ports":[{"port":80,"targetPort":9090},{"port":443}]}}""", result);
    }

    [Theory]
    [InlineData("""{"metadata":{"finalizers":["b"]}}""", """["b","a"]""")]
    [InlineData("""{"metadata":{"finalizers":["a","b"]}}""", """["a","b"]""")]
    [InlineData("""{"metadata":{"$setElementOrder/finalizers":["a","b"],"finalizers":["b"]}}""", """["a","b"]""")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""", """[]""")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"],"finalizers":["c"]}}""", """["c"]""")]
    [InlineData("""{"metadata":{"finalizers":null}}""", null)]
    public void Finalizers_are_a_set_merged_into_the_live_list(string patch, string? expected)
    {
        var result = Json.Strategic("""{"metadata":{"name":"p","finalizers":["a"]}}""", patch, Pod);
        if (expected is null)
        {
            Assert.False(result["metadata"]!.AsObject().ContainsKey("finalizers"));
        }
        else
        {
            Json.Equal(expected, result["metadata"]!["finalizers"]);
        }
    }

    [Fact]
    public void Owner_references_merge_by_uid_and_labels_merge()
    {
        var result = Json.Strategic(
            """{"metadata":{"labels":{"a":"1","b":"2"},"ownerReferences":[{"uid":"u1","name":"x"},{"uid":"u2","name":"y"}]}}""",
            """{"metadata":{"labels":{"a":null,"c":"3"},"ownerReferences":[{"uid":"u2","name":"y2"},{"$patch":"delete","uid":"u1"}]}}""",
            StrategicMergeSchema.For("", "ConfigMap"));
        Json.Equal("""{"metadata":{"labels":{"b":"2","c":"3"},"ownerReferences":[{"uid":"u2","name":"y2"}]}}""", result);
    }

    [Fact]
    public void Null_deletes_a_field_and_nulls_inside_new_values_are_dropped()
    {
        var result = Json.Strategic(
            """{"spec":{"replicas":2,"paused":true}}""",
            """{"spec":{"replicas":null,"missing":null,"selector":{"matchLabels":{"a":"b","c":null}}}}""",
            Deployment);
        Json.Equal("""{"spec":{"paused":true,"selector":{"matchLabels":{"a":"b"}}}}""", result);
    }

    [Fact]
    public void Lists_without_a_strategy_are_replaced()
    {
        var result = Json.Strategic(
            """{"spec":{"tolerations":[{"key":"a"},{"key":"b"}],"readinessGates":[{"conditionType":"x"}],"containers":[{"name":"c","args":["1","2"]}]}}""",
            """{"spec":{"tolerations":[{"key":"c","value":null}],"containers":[{"name":"c","args":["3"]}]}}""",
            Pod);
        Json.Equal("""{"spec":{"tolerations":[{"key":"c"}],"readinessGates":[{"conditionType":"x"}],"containers":[{"name":"c","args":["3"]}]}}""", result);
    }

    [Fact]
    public void Status_conditions_merge_by_type_and_container_statuses_are_replaced()
    {
        var result = Json.Strategic(
            """{"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"Initialized","status":"True"}],"containerStatuses":[{"name":"a","ready":false},{"name":"b"}]}}""",
            """{"status":{"conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"name":"a","ready":true}]}}""",
            Pod);
        Json.Equal("""{"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Initialized","status":"True"}],"containerStatuses":[{"name":"a","ready":true}]}}""", result);
    }

    [Fact]
    public void A_new_container_goes_first_unless_set_element_order_places_it()
    {
        const string pod = """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""";
        Json.Equal("""{"spec":{"containers":[{"name":"c"},{"name":"a"},{"name":"b"}]}}""",
            Json.Strategic(pod, """{"spec":{"containers":[{"name":"c"}]}}""", Pod));
        Json.Equal("""{"spec":{"containers":[{"name":"b"},{"name":"a"},{"name":"c"}]}}""",
            Json.Strategic(pod, """{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"},{"name":"c"}],"containers":[{"name":"c"}]}}""", Pod));
    }

    [Fact]
    public void Volumes_merge_by_name_and_retain_keys_switches_the_volume_source()
    {
        var result = Json.Strategic(
            """{"spec":{"volumes":[{"name":"v","emptyDir":{}},{"name":"w","secret":{"secretName":"s"}}]}}""",
            """{"spec":{"volumes":[{"$retainKeys":["configMap","name"],"name":"v","configMap":{"name":"cm"}}]}}""",
            Pod);
        Json.Equal("""{"spec":{"volumes":[{"name":"v","configMap":{"name":"cm"}},{"name":"w","secret":{"secretName":"s"}}]}}""", result);
    }

    [Fact]
    public void Pod_disruption_budget_selector_is_replaced_not_merged()
    {
        var result = Json.Strategic(
            """{"spec":{"selector":{"matchLabels":{"a":"1"}},"minAvailable":1}}""",
            """{"spec":{"selector":{"matchLabels":{"b":"2"}}}}""",
            StrategicMergeSchema.For("policy", "PodDisruptionBudget"));
        Json.Equal("""{"spec":{"selector":{"matchLabels":{"b":"2"}},"minAvailable":1}}""", result);
    }

    [Fact]
    public void Cron_job_template_containers_merge_by_name()
    {
        var result = Json.Strategic(
            """{"spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b"}]}}}}}}""",
            """{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"y"}]}}}}}}""",
            StrategicMergeSchema.For("batch", "CronJob"));
        Json.Equal("""[{"name":"a","image":"y"},{"name":"b"}]""", result["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public void Without_a_schema_lists_are_replaced_and_objects_merged()
    {
        var result = Json.Strategic(
            """{"metadata":{"finalizers":["a"]},"spec":{"x":1,"containers":[{"name":"a"}]}}""",
            """{"metadata":{"finalizers":["b"]},"spec":{"y":2,"containers":[{"name":"b"}]}}""",
            StrategicMergeSchema.Empty);
        Json.Equal("""{"metadata":{"finalizers":["b"]},"spec":{"x":1,"y":2,"containers":[{"name":"b"}]}}""", result);
    }

    [Fact]
    public void A_value_of_another_json_type_replaces_the_live_one()
    {
        var result = Json.Strategic(
            """{"spec":{"containers":"oops","template":[1]}}""",
            """{"spec":{"containers":[{"name":"a","env":[{"name":"X","$patch":"delete"}]}],"template":{"a":1}}}""",
            Deployment);
        Json.Equal("""{"spec":{"containers":[{"name":"a","env":[]}],"template":{"a":1}}}""", result);
    }
}
