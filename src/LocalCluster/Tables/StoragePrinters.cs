using System.Text.Json.Nodes;
using static Kruise.Actors.LocalCluster.JsonRead;
using static Kruise.Actors.LocalCluster.Tables.CorePrinters;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>PersistentVolumes and StorageClasses, column for column as the API server prints them.</summary>
internal static class StoragePrinters
{
    public static TablePrinter PersistentVolume { get; } = new(
    [
        TableColumn.NameColumn,
        new("Capacity", Description: "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
        new("Access Modes", Description: "accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes"),
        new("Reclaim Policy", Description: "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming"),
        new("Status", Description: "phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase"),
        new("Claim", Description: "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding"),
        new("StorageClass", Description: "StorageClass of the pv"),
        new("VolumeAttributesClass", Description: "VolumeAttributesClass of the pv"),
        new("Reason", Description: "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
        TableColumn.Age,
        TableColumn.Wide("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec."),
    ], VolumeCells);

    public static TablePrinter StorageClass { get; } = new(
    [
        TableColumn.NameColumn,
        new("Provisioner", Description: "provisioner indicates the type of the provisioner."),
        new("ReclaimPolicy", Description: "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete."),
        new("VolumeBindingMode", Description: "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature."),
        new("AllowVolumeExpansion", Description: "allowVolumeExpansion shows whether the storage class allow volume expand."),
        TableColumn.Age,
    ], (o, now) =>
    [
        IsDefaultClass(o) ? Name(o) + " (default)" : Name(o), Str(o, "provisioner"),
        Str(o, "reclaimPolicy") is { Length: > 0 } reclaim ? reclaim : "Delete",
        Str(o, "volumeBindingMode") is { Length: > 0 } binding ? binding : "Immediate",
        Bool(o, "allowVolumeExpansion"), Age(o, now),
    ]);

    private static JsonNode?[] VolumeCells(JsonObject pv, DateTimeOffset now)
    {
        var claim = At(pv, "spec", "claimRef") is JsonObject claimRef ? $"{Str(claimRef, "namespace")}/{Str(claimRef, "name")}" : "";
        // GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName.
        var storageClass = Str(pv, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class") is { Length: > 0 } annotated
            ? annotated
            : Str(pv, "spec", "storageClassName");
        return
        [
            Name(pv),
            ClusterPrinters.QuantityText(At(pv, "spec", "capacity", "storage")) ?? "0",
            AccessModes(Strings(pv, "spec", "accessModes").ToHashSet(StringComparer.Ordinal)),
            Str(pv, "spec", "persistentVolumeReclaimPolicy"),
            Has(pv, "metadata", "deletionTimestamp") ? "Terminating" : Str(pv, "status", "phase"),
            claim, storageClass,
            Str(pv, "spec", "volumeAttributesClassName") is { Length: > 0 } vac ? vac : "<unset>",
            Str(pv, "status", "reason"), Age(pv, now),
            Str(pv, "spec", "volumeMode") is { Length: > 0 } mode ? mode : "<unset>",
        ];
    }

    private static bool IsDefaultClass(JsonObject sc) =>
        Str(sc, "metadata", "annotations", "storageclass.kubernetes.io/is-default-class") == "true"
        || Str(sc, "metadata", "annotations", "storageclass.beta.kubernetes.io/is-default-class") == "true";
}
