using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Tables;
using static Kruise.Actors.LocalCluster.Tests.Tables.TableTestKit;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class TableRendererTests
{
    private static readonly JsonObject Namespace = Json($$"""
        {"apiVersion":"v1","kind":"Namespace",
         "metadata":{"name":"shop","uid":"u-9","resourceVersion":"17","labels":{"kubernetes.io/metadata.name":"shop"},"creationTimestamp":"{{Ago(TimeSpan.FromMinutes(5))}}" },
         "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"} }
        """);

    [Fact]
    public void Namespace_list_as_kubectl_get_receives_it()
    {
        var table = TableRenderer.Render(TablePrinters.ForBuiltIn("", "Namespace"), [Namespace], new TableOptions(Now, ResourceVersion: "20"));

        var expected = Json($$"""
            {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"20"},
             "columnDefinitions":[
               {"name":"Name","type":"string","format":"name","description":{{JsonValue.Create(TableColumn.NameColumn.Description).ToJsonString()}},"priority":0},
               {"name":"Status","type":"string","format":"","description":"The status of the namespace","priority":0},
               {"name":"Age","type":"string","format":"","description":{{JsonValue.Create(TableColumn.Age.Description).ToJsonString()}},"priority":0}],
             "rows":[{"cells":["shop","Active","5m"],
               "object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{{Namespace["metadata"]!.ToJsonString()}} } }]}
            """);
        Assert.Equal(expected.ToJsonString(), table.ToJsonString());
    }

    [Fact]
    public void Row_objects_follow_the_include_object_policy()
    {
        var printer = TablePrinters.ForBuiltIn("", "Namespace");
        var none = TableRenderer.Render(printer, [Namespace], new TableOptions(Now, IncludeObject.None));
        Assert.True(none["rows"]![0]!.AsObject().TryGetPropertyValue("object", out var nothing));
        Assert.Null(nothing);

        var whole = TableRenderer.Render(printer, [Namespace], new TableOptions(Now, IncludeObject.Object));
        Assert.Equal(Namespace.ToJsonString(), whole["rows"]![0]!["object"]!.ToJsonString());
        // A copy: the caller's object stays its own.
        Assert.NotSame(Namespace, whole["rows"]![0]!["object"]);
    }

    [Fact]
    public void Later_watch_events_carry_no_column_definitions()
    {
        var table = TableRenderer.Render(TablePrinters.ForBuiltIn("", "Namespace"), [Namespace],
            new TableOptions(Now, IncludeColumnDefinitions: false, ResourceVersion: "17"));
        Assert.True(table.TryGetPropertyValue("columnDefinitions", out var definitions));
        Assert.Null(definitions);
        Assert.Single(table["rows"]!.AsArray());
    }

    [Fact]
    public void Empty_list_with_paging_metadata()
    {
        var table = TableRenderer.Render(TablePrinters.Default, [], new TableOptions(Now, ResourceVersion: "5", Continue: "abc", RemainingItemCount: 3));
        Assert.Equal("""{"resourceVersion":"5","continue":"abc","remainingItemCount":3}""", table["metadata"]!.ToJsonString());
        Assert.Equal("[]", table["rows"]!.ToJsonString());
    }

    [Theory]
    [InlineData(null, IncludeObject.Metadata)]
    [InlineData("Metadata", IncludeObject.Metadata)]
    [InlineData("None", IncludeObject.None)]
    [InlineData("Object", IncludeObject.Object)]
    public void Parses_the_include_object_parameter(string? value, IncludeObject expected)
    {
        Assert.Equal(expected, TableOptions.ParseIncludeObject(value));
        Assert.Throws<ApiException>(() => TableOptions.ParseIncludeObject("metadata"));
    }

    [Fact]
    public void Unknown_kinds_print_name_and_age()
    {
        var printer = TablePrinters.ForBuiltIn("example.io", "Widget");
        Assert.Equal(["Name", "Age"], Columns(printer));
        Assert.Equal(["shop", "5m"], Cells(printer, Namespace));
    }
}
