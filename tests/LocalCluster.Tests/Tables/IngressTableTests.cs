using Kruise.Actors.LocalCluster.Tables;
using static Kruise.Actors.LocalCluster.Tests.Tables.TableTestKit;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class IngressTableTests
{
    private static readonly Kruise.Actors.LocalCluster.Tables.TablePrinter Printer = TablePrinters.ForBuiltIn("networking.k8s.io", "Ingress");

    [Fact]
    public void Ingress_columns_and_a_tls_ingress_with_an_address()
    {
        Assert.Equal(["Name", "Class", "Hosts", "Address", "Ports", "Age"], Columns(Printer));
        var ingress = Json($$$"""
            {"metadata":{"name":"web","creationTimestamp":"{{{Ago(TimeSpan.FromMinutes(42))}}}"},
             "spec":{"ingressClassName":"nginx","tls":[{"hosts":["shop.example.com"]}],
                     "rules":[{"host":"shop.example.com"},{"host":"api.example.com"}]},
             "status":{"loadBalancer":{"ingress":[{"hostname":"lb.example.com"},{"ip":"203.0.113.9"},{"ip":"203.0.113.9"}]} } }
            """);
        Assert.Equal(["web", "nginx", "shop.example.com,api.example.com", "203.0.113.9,lb.example.com", "80, 443", "42m"], Cells(Printer, ingress));
    }

    [Fact]
    public void Ingress_without_class_hosts_or_address()
    {
        var ingress = Json("""{"metadata":{"name":"catch-all"},"spec":{"defaultBackend":{"service":{"name":"web","port":{"number":80}}},"rules":[{"http":{}}]}}""");
        Assert.Equal(["catch-all", "<none>", "*", "", "80", "<unknown>"], Cells(Printer, ingress));
    }

    [Fact]
    public void Ingress_shows_three_hosts_and_counts_every_further_rule()
    {
        // As the apiserver counts: once three hosts are listed, every later rule is "more", host or not.
        var ingress = Json("""
            {"metadata":{"name":"many"},
             "spec":{"rules":[{"host":"a.example.com"},{"http":{}},{"host":"b.example.com"},{"host":"c.example.com"},{"host":"d.example.com"},{"http":{}}]}}
            """);
        Assert.Equal("a.example.com,b.example.com,c.example.com + 3 more...", Cells(Printer, ingress)[2]);
    }
}
