using Kruise.Actors.LocalCluster.Tables;
using static Kruise.Actors.LocalCluster.Tests.Tables.TableTestKit;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class AutoscalerTableTests
{
    private static readonly Kruise.Actors.LocalCluster.Tables.TablePrinter Printer = TablePrinters.ForBuiltIn("autoscaling", "HorizontalPodAutoscaler");

    private static string Targets(string metrics, string currentMetrics = "[]") =>
        Cells(Printer, Json($$$"""{"metadata":{"name":"h"},"spec":{"metrics":{{{metrics}}}},"status":{"currentMetrics":{{{currentMetrics}}}}}"""))[2]!;

    [Fact]
    public void Autoscaler_columns_and_a_cpu_utilization_target()
    {
        Assert.Equal(["Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age"], Columns(Printer));
        var hpa = Json($$$"""
            {"metadata":{"name":"web","creationTimestamp":"{{{Ago(TimeSpan.FromDays(1))}}}"},
             "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"minReplicas":2,"maxReplicas":10,
                     "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60} } }]},
             "status":{"currentReplicas":3,"desiredReplicas":3,
                       "currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":45,"averageValue":"90m"} } }]} }
            """);
        Assert.Equal(["web", "Deployment/web", "cpu: 45%/60%", "2", "10", "3", "24h"], Cells(Printer, hpa));
    }

    [Fact]
    public void Autoscaler_before_any_status_and_without_metrics()
    {
        var pending = Json("""{"metadata":{"name":"new"},"spec":{"scaleTargetRef":{"kind":"StatefulSet","name":"db"},"maxReplicas":4,"metrics":[{"type":"Resource","resource":{"name":"memory","target":{"type":"Utilization","averageUtilization":80}}}]}}""");
        Assert.Equal(["new", "StatefulSet/db", "memory: <unknown>/80%", "<unset>", "4", "0", "<unknown>"], Cells(Printer, pending));

        Assert.Equal("<none>", Targets("[]"));
    }

    [Theory]
    [InlineData("""[{"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}}]""",
        """[{"type":"Resource","resource":{"name":"memory","current":{"averageValue":"312Mi"}}}]""", "memory: 312Mi/500Mi")]
    [InlineData("""[{"type":"ContainerResource","containerResource":{"name":"cpu","container":"app","target":{"type":"Utilization"}}}]""",
        "[]", "cpu: <unknown>/<auto>")]
    [InlineData("""[{"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"1k"}}}]""",
        """[{"type":"Pods","pods":{"metric":{"name":"qps"},"current":{"averageValue":"850"}}}]""", "850/1k")]
    [InlineData("""[{"type":"Object","object":{"metric":{"name":"rps"},"target":{"type":"Value","value":"10k"}}}]""",
        "[]", "<unknown>/10k")]
    [InlineData("""[{"type":"External","external":{"metric":{"name":"queue"},"target":{"type":"AverageValue","averageValue":"30"}}}]""",
        """[{"type":"External","external":{"current":{"averageValue":"12"}}}]""", "12/30 (avg)")]
    [InlineData("""[{"type":"Unknown"}]""", "[]", "<unknown type>")]
    public void Each_metric_type_prints_current_over_target(string metrics, string current, string expected) =>
        Assert.Equal(expected, Targets(metrics, current));

    [Fact]
    public void Only_two_metrics_are_shown_and_the_rest_counted()
    {
        var metrics = """
            [{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}},
             {"type":"Resource","resource":{"name":"memory","target":{"type":"Utilization","averageUtilization":70}}},
             {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"1k"}}},
             {"type":"External","external":{"metric":{"name":"q"},"target":{"type":"Value","value":"5"}}}]
            """;
        Assert.Equal("cpu: <unknown>/50%, memory: <unknown>/70% + 2 more...", Targets(metrics));
    }
}
