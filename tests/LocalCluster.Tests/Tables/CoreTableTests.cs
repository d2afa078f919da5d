using Kruise.Actors.LocalCluster.Tables;
using static Kruise.Actors.LocalCluster.Tests.Tables.TableTestKit;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class CoreTableTests
{
    private static readonly string Created = Ago(TimeSpan.FromDays(2) + TimeSpan.FromHours(3));

    [Fact]
    public void ConfigMap_counts_data_and_binary_data()
    {
        var printer = TablePrinters.ForBuiltIn("", "ConfigMap");
        Assert.Equal(["Name", "Data", "Age"], Columns(printer));
        var cm = Json($$$"""{"metadata":{"name":"kube-root-ca.crt","creationTimestamp":"{{{Created}}}"},"data":{"ca.crt":"x","b":"y"},"binaryData":{"c":"AA=="}}""");
        Assert.Equal(["kube-root-ca.crt", "3", "2d3h"], Cells(printer, cm));
    }

    [Fact]
    public void Secret_shows_type_and_data_count()
    {
        var printer = TablePrinters.ForBuiltIn("", "Secret");
        Assert.Equal(["Name", "Type", "Data", "Age"], Columns(printer));
        var secret = Json($$$"""{"metadata":{"name":"tls","creationTimestamp":"{{{Created}}}"},"type":"kubernetes.io/tls","data":{"tls.crt":"","tls.key":""}}""");
        Assert.Equal(["tls", "kubernetes.io/tls", "2", "2d3h"], Cells(printer, secret));
    }

    [Fact]
    public void Services_of_each_type()
    {
        var printer = TablePrinters.ForBuiltIn("", "Service");
        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector*"], Columns(printer));

        var clusterIP = Json($$$"""
            {"metadata":{"name":"web","creationTimestamp":"{{{Created}}}"},
             "spec":{"type":"ClusterIP","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],"selector":{"tier":"fe","app":"web"},
               "ports":[{"port":80,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}}
            """);
        Assert.Equal(["web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,53/UDP", "2d3h", "app=web,tier=fe"], Cells(printer, clusterIP));

        var nodePort = Json("""{"metadata":{"name":"np"},"spec":{"type":"NodePort","clusterIP":"10.96.0.11","ports":[{"port":80,"nodePort":30080}]}}""");
        Assert.Equal(["np", "NodePort", "10.96.0.11", "<none>", "80:30080/TCP", "<unknown>", "<none>"], Cells(printer, nodePort));

        var pending = Json("""{"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","clusterIP":"10.96.0.12"}}""");
        Assert.Equal(["<pending>", "<none>"], Cells(printer, pending).Skip(3).Take(2));

        var balanced = Json("""
            {"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","externalIPs":["192.0.2.9"]},
             "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.7"},{"hostname":"lb.example.com"}]}}}
            """);
        Assert.Equal(["<none>", "203.0.113.7,lb.example.com,192.0.2.9"], Cells(printer, balanced).Skip(2).Take(2));

        var external = Json("""{"metadata":{"name":"db"},"spec":{"type":"ExternalName","externalName":"db.example.com"}}""");
        Assert.Equal("db.example.com", Cells(printer, external)[3]);
    }

    [Fact]
    public void ServiceAccount_and_Lease()
    {
        var sa = Json("""{"metadata":{"name":"default"},"secrets":[{"name":"t"}]}""");
        Assert.Equal(["default", "1", "<unknown>"], Cells(TablePrinters.ForBuiltIn("", "ServiceAccount"), sa));

        var leases = TablePrinters.ForBuiltIn("coordination.k8s.io", "Lease");
        Assert.Equal(["Name", "Holder", "Age"], Columns(leases));
        var lease = Json($$$"""{"metadata":{"name":"kwok-node-0","namespace":"kube-node-lease","creationTimestamp":"{{{Created}}}"},"spec":{"holderIdentity":"kwok-node-0","leaseDurationSeconds":40}}""");
        Assert.Equal(["kwok-node-0", "kwok-node-0", "2d3h"], Cells(leases, lease));
    }

    [Fact]
    public void PersistentVolumeClaims_bound_pending_and_deleting()
    {
        var printer = TablePrinters.ForBuiltIn("", "PersistentVolumeClaim");
        Assert.Equal(["Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode*"], Columns(printer));

        var bound = Json($$$"""
            {"metadata":{"name":"data-web-0","creationTimestamp":"{{{Created}}}"},
             "spec":{"volumeName":"pv-1","storageClassName":"standard","volumeMode":"Filesystem","resources":{"requests":{"storage":"1Gi"} } },
             "status":{"phase":"Bound","capacity":{"storage":"1Gi"},"accessModes":["ReadWriteMany","ReadWriteOnce"]}}
            """);
        Assert.Equal(["data-web-0", "Bound", "pv-1", "1Gi", "RWO,RWX", "standard", "<unset>", "2d3h", "Filesystem"], Cells(printer, bound));

        var pending = Json("""
            {"metadata":{"name":"p","annotations":{"volume.beta.kubernetes.io/storage-class":"legacy"},"deletionTimestamp":"2025-03-01T11:00:00Z"},
             "spec":{"storageClassName":"standard"},"status":{"phase":"Pending"}}
            """);
        Assert.Equal(["p", "Terminating", "", "", "", "legacy", "<unset>", "<unknown>", "<unset>"], Cells(printer, pending));
    }

    [Fact]
    public void CustomResourceDefinitions_show_when_they_were_created()
    {
        var printer = TablePrinters.ForBuiltIn("apiextensions.k8s.io", "CustomResourceDefinition");
        Assert.Equal(["Name", "Created At"], Columns(printer));
        Assert.Equal("date", printer.Columns[1].Type);
        var crd = Json("""{"metadata":{"name":"clonesets.apps.kruise.io","creationTimestamp":"2025-02-27T08:30:00+01:00"}}""");
        Assert.Equal(["clonesets.apps.kruise.io", "2025-02-27T07:30:00Z"], Cells(printer, crd));
    }
}
