using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Tables;
using static Kruise.Actors.LocalCluster.Tests.Tables.TableTestKit;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class WorkloadTableTests
{
    private const string Template = """
        "template":{"metadata":{"labels":{"app":"web"}},"spec":{"nodeSelector":{"disk":"ssd"},
          "containers":[{"name":"app","image":"nginx:1.25"},{"name":"log","image":"busybox"}]}}
        """;

    private const string Selector = """
        "selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["fe","be"]},{"key":"canary","operator":"DoesNotExist"}]}
        """;

    [Fact]
    public void Deployment_shows_ready_of_desired()
    {
        var printer = TablePrinters.ForBuiltIn("apps", "Deployment");
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers*", "Images*", "Selector*"], Columns(printer));
        var deployment = Json($$$"""
            {"metadata":{"name":"web","creationTimestamp":"{{{Ago(TimeSpan.FromMinutes(90))}}}"},
             "spec":{"replicas":3,{{{Selector}}},{{{Template}}}},
             "status":{"replicas":3,"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}
            """);
        Assert.Equal(["web", "2/3", "3", "2", "90m", "app,log", "nginx:1.25,busybox", "app=web,!canary,tier in (be,fe)"], Cells(printer, deployment));
    }

    [Fact]
    public void Objects_built_in_code_read_like_parsed_ones()
    {
        var deployment = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "web", ["uid"] = Guid.Empty },
            ["spec"] = new JsonObject { ["replicas"] = 4 },
            ["status"] = new JsonObject { ["readyReplicas"] = (short)1, ["updatedReplicas"] = 2L, ["availableReplicas"] = 1.0 },
        };
        Assert.Equal(["web", "1/4", "2", "1"], Cells(TablePrinters.ForBuiltIn("apps", "Deployment"), deployment).Take(4));
        var columns = new[] { new k8s.Models.V1CustomResourceColumnDefinition { Name = "N", Type = "integer", JsonPath = ".spec.replicas" } };
        Assert.Equal(["web", "4"], Cells(TablePrinters.ForCustomResource(columns), deployment));
    }

    [Fact]
    public void ReplicaSet_StatefulSet_and_DaemonSet()
    {
        var rs = Json($$$"""{"metadata":{"name":"web-5d8"},"spec":{ {{{Template}}}},"status":{"replicas":1}}""");
        Assert.Equal(["web-5d8", "1", "1", "0", "<unknown>", "app,log", "nginx:1.25,busybox", "<none>"], Cells(TablePrinters.ForBuiltIn("apps", "ReplicaSet"), rs));

        var sts = Json($$$"""{"metadata":{"name":"db"},"spec":{"replicas":2,{{{Template}}}},"status":{"readyReplicas":1}}""");
        Assert.Equal(["db", "1/2", "<unknown>", "app,log", "nginx:1.25,busybox"], Cells(TablePrinters.ForBuiltIn("apps", "StatefulSet"), sts));

        var ds = Json($$$"""
            {"metadata":{"name":"agent"},"spec":{ {{{Selector}}}, {{{Template}}}},
             "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":1,"numberAvailable":2}}
            """);
        Assert.Equal(["agent", "3", "3", "2", "1", "2", "disk=ssd", "<unknown>", "app,log", "nginx:1.25,busybox", "app=web,!canary,tier in (be,fe)"],
            Cells(TablePrinters.ForBuiltIn("apps", "DaemonSet"), ds));
    }

    [Fact]
    public void ControllerRevision_names_its_controller()
    {
        var printer = TablePrinters.ForBuiltIn("apps", "ControllerRevision");
        Assert.Equal(["Name", "Controller", "Revision", "Age"], Columns(printer));
        var revision = Json("""
            {"metadata":{"name":"web-7c9f","ownerReferences":[{"apiVersion":"v1","kind":"Pod","name":"x"},
              {"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet","name":"web","controller":true}]},"revision":4}
            """);
        Assert.Equal(["web-7c9f", "cloneset.apps.kruise.io/web", "4", "<unknown>"], Cells(printer, revision));
        Assert.Equal("<none>", Cells(printer, Json("""{"metadata":{"name":"orphan"},"revision":1}"""))[1]);
    }

    [Fact]
    public void Jobs_running_and_complete()
    {
        var printer = TablePrinters.ForBuiltIn("batch", "Job");
        Assert.Equal(["Name", "Status", "Completions", "Duration", "Age", "Containers*", "Images*", "Selector*"], Columns(printer));
        var running = Json($$$"""
            {"metadata":{"name":"pi"},"spec":{"parallelism":3,{{{Template}}}},
             "status":{"startTime":"{{{Ago(TimeSpan.FromSeconds(75))}}}","succeeded":1}}
            """);
        Assert.Equal(["pi", "Running", "1/1 of 3", "75s"], Cells(printer, running).Take(4));
        var complete = Json("""
            {"metadata":{"name":"pi"},"spec":{"completions":2},
             "status":{"startTime":"2025-03-01T10:00:00Z","completionTime":"2025-03-01T10:04:10Z","succeeded":2,
               "conditions":[{"type":"Complete","status":"True"}]}}
            """);
        Assert.Equal(["pi", "Complete", "2/2", "4m10s"], Cells(printer, complete).Take(4));
    }
}
