using k8s;
using k8s.Models;
using Kruise.Actors.LocalCluster.Tables;
using static Kruise.Actors.LocalCluster.Tests.Tables.TableTestKit;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class CustomResourceTableTests
{
    private static readonly TablePrinter CloneSets = TablePrinters.ForCustomResource(CloneSetColumns());

    [Fact]
    public void CloneSet_columns_come_from_its_crd()
    {
        Assert.Equal(
            ["Name", "DESIRED", "UPDATED", "UPDATED_READY", "UPDATED_AVAILABLE", "READY", "TOTAL", "AGE", "CONTAINERS*", "IMAGES*", "SELECTOR*"],
            Columns(CloneSets));
        Assert.Equal("integer", CloneSets.Columns[1].Type);
        Assert.Equal("The desired number of pods.", CloneSets.Columns[1].Description);
        Assert.Equal("Custom resource definition column (in JSONPath format): .metadata.creationTimestamp", CloneSets.Columns[7].Description);
    }

    [Fact]
    public void CloneSet_row_as_kubectl_get_clone_shows_it()
    {
        var cloneSet = Json($$"""
            {"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet",
             "metadata":{"name":"web","namespace":"shop","creationTimestamp":"{{Ago(TimeSpan.FromMinutes(7) + TimeSpan.FromSeconds(5))}}"},
             "spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"},{"name":"log","image":"busybox"}]} } },
             "status":{"replicas":5,"readyReplicas":4,"updatedReplicas":3,"updatedReadyReplicas":2,"updatedAvailableReplicas":2,"labelSelector":"app=web"} }
            """);
        // A [*] column shows the first match only, as the apiextensions table convertor does.
        Assert.Equal(["web", "5", "3", "2", "2", "4", "5", "7m5s", "nginx", "nginx:1.25", "app=web"], Cells(CloneSets, cloneSet));
    }

    [Fact]
    public void Fresh_CloneSet_without_status_has_null_cells()
    {
        var cloneSet = Json($$"""{"metadata":{"name":"web","creationTimestamp":"{{Ago(TimeSpan.FromSeconds(3))}}"},"spec":{"replicas":1} }""");
        Assert.Equal(["web", "1", null, null, null, null, null, "3s", null, null, null], Cells(CloneSets, cloneSet));
    }

    [Fact]
    public void Cells_are_typed_by_the_column_type()
    {
        var printer = TablePrinters.ForCustomResource(
        [
            Column("Ratio", "number", ".spec.ratio"),
            Column("Whole", "integer", ".spec.ratio"),
            Column("Paused", "boolean", ".spec.paused"),
            Column("Paused text", "string", ".spec.paused"),
            Column("Count text", "string", ".spec.count"),
            Column("Object", "string", ".spec.nested"),
            Column("Count as bool", "boolean", ".spec.count"),
            Column("Bad date", "date", ".spec.when"),
            Column("Empty date", "date", ".spec.empty"),
            Column("Dotted", "string", ".metadata.annotations['example.com/owner']"),
            Column("Broken", "string", "spec.ratio"),
        ]);
        var obj = Json("""
            {"metadata":{"name":"x","annotations":{"example.com/owner":"team-a"}},
             "spec":{"ratio":2.5,"paused":true,"count":7,"nested":{"z":1,"a":[true,"s"]},"when":"yesterday","empty":""}}
            """);
        Assert.Equal(["x", "2.5", "2", "true", "true", "7", """{"a":[true,"s"],"z":1}""", null, "<invalid>", "<unknown>", "team-a", null], Cells(printer, obj));
    }

    [Fact]
    public void Crd_without_printer_columns_gets_name_and_age()
    {
        var printer = TablePrinters.ForCustomResource(null);
        Assert.Equal(["Name", "Age"], Columns(printer));
        Assert.Equal("date", printer.Columns[1].Type);
        Assert.Equal(["x", "2d"], Cells(printer, Json($$"""{"metadata":{"name":"x","creationTimestamp":"{{Ago(TimeSpan.FromHours(48))}}"} }""")));
    }

    private static V1CustomResourceColumnDefinition Column(string name, string type, string jsonPath) => new() { Name = name, Type = type, JsonPath = jsonPath };

    private static IList<V1CustomResourceColumnDefinition> CloneSetColumns()
    {
        var path = RepositoryFiles.PathOf("deploy", "crds", "apps.kruise.io_clonesets.yaml");
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(path));
        return crd.Spec.Versions.Single(v => v.Served).AdditionalPrinterColumns;
    }
}
