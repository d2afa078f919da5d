using Kruise.Actors.LocalCluster.Tables;
using static Kruise.Actors.LocalCluster.Tests.Tables.TableTestKit;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class StorageTableTests
{
    private static readonly string Created = Ago(TimeSpan.FromHours(7) + TimeSpan.FromMinutes(5));

    [Fact]
    public void PersistentVolume_bound_available_and_deleting()
    {
        var printer = TablePrinters.ForBuiltIn("", "PersistentVolume");
        Assert.Equal(["Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age", "VolumeMode*"], Columns(printer));

        var bound = Json($$$"""
            {"metadata":{"name":"pv-1","creationTimestamp":"{{{Created}}}"},
             "spec":{"capacity":{"storage":"10Gi"},"accessModes":["ReadWriteMany","ReadWriteOnce"],"persistentVolumeReclaimPolicy":"Retain",
                     "claimRef":{"namespace":"default","name":"data-web-0"},"storageClassName":"standard","volumeMode":"Filesystem"},
             "status":{"phase":"Bound"}}
            """);
        Assert.Equal(["pv-1", "10Gi", "RWO,RWX", "Retain", "Bound", "default/data-web-0", "standard", "<unset>", "", "7h5m", "Filesystem"], Cells(printer, bound));

        // The beta annotation names the class over spec.storageClassName; no capacity prints as zero.
        var released = Json("""
            {"metadata":{"name":"pv-2","deletionTimestamp":"2025-03-01T11:00:00Z","annotations":{"volume.beta.kubernetes.io/storage-class":"slow"}},
             "spec":{"accessModes":["ReadWriteOncePod"],"persistentVolumeReclaimPolicy":"Delete","storageClassName":"fast","volumeAttributesClassName":"gold"},
             "status":{"phase":"Failed","reason":"VolumeFailedRecycle"}}
            """);
        Assert.Equal(["pv-2", "0", "RWOP", "Delete", "Terminating", "", "slow", "gold", "VolumeFailedRecycle", "<unknown>", "<unset>"], Cells(printer, released));
    }

    [Fact]
    public void StorageClass_marks_the_default_and_fills_in_unset_policies()
    {
        var printer = TablePrinters.ForBuiltIn("storage.k8s.io", "StorageClass");
        Assert.Equal(["Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode", "AllowVolumeExpansion", "Age"], Columns(printer));

        var standard = Json($$$"""
            {"metadata":{"name":"standard","creationTimestamp":"{{{Created}}}","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},
             "provisioner":"rancher.io/local-path","reclaimPolicy":"Retain","volumeBindingMode":"WaitForFirstConsumer","allowVolumeExpansion":true}
            """);
        Assert.Equal(["standard (default)", "rancher.io/local-path", "Retain", "WaitForFirstConsumer", "true", "7h5m"], Cells(printer, standard));

        var bare = Json("""{"metadata":{"name":"plain","annotations":{"storageclass.kubernetes.io/is-default-class":"false"}},"provisioner":"example.com/nfs"}""");
        Assert.Equal(["plain", "example.com/nfs", "Delete", "Immediate", "false", "<unknown>"], Cells(printer, bare));

        var beta = Json("""{"metadata":{"name":"old","annotations":{"storageclass.beta.kubernetes.io/is-default-class":"true"}},"provisioner":"p"}""");
        Assert.Equal("old (default)", Cells(printer, beta)[0]);
    }
}
