using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Schema;
using static Kruise.Actors.Crds.Tests.Kinds.KindTestKit;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class StatefulSetTests
{
    private const string Sample = """
        apiVersion: apps.kruise.io/v1beta1
        kind: StatefulSet
        metadata:
          name: web
          namespace: default
        spec:
          serviceName: web
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
                env:
                - name: MODE
                  value: prod
          volumeClaimTemplates:
          - metadata:
              name: www
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
        """;

    private static StatefulSet Valid() => FromYaml<StatefulSet>(Sample);

    private static RollingUpdateStatefulSetStrategy Rolling(StatefulSet s) =>
        (s.Spec.UpdateStrategy ??= new()).RollingUpdate ??= new();

    [Fact]
    public void The_sample_is_valid_before_and_after_defaulting()
    {
        Assert.Empty(StatefulSetValidation.Validate(Valid()));
        Assert.Empty(StatefulSetValidation.Validate(StatefulSetDefaults.Apply(Valid())));
    }

    public static TheoryData<string, string?> Defaults => new()
    {
        { "spec.replicas", "1" },
        { "spec.podManagementPolicy", "OrderedReady" },
        { "spec.revisionHistoryLimit", "10" },
        { "spec.updateStrategy.type", "RollingUpdate" },
        { "spec.updateStrategy.rollingUpdate.partition", "0" },
        { "spec.updateStrategy.rollingUpdate.maxUnavailable", "1" },
        { "spec.updateStrategy.rollingUpdate.podUpdatePolicy", "ReCreate" },
        { "spec.updateStrategy.rollingUpdate.minReadySeconds", "0" },
        { "spec.updateStrategy.rollingUpdate.paused", null },
        { "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", "Retain" },
        { "spec.persistentVolumeClaimRetentionPolicy.whenScaled", "Retain" },
        { "spec.volumeClaimUpdateStrategy", null },
        { "spec.template.spec.restartPolicy", "Always" },
        { "spec.template.spec.containers[0].imagePullPolicy", "IfNotPresent" },
        { "spec.volumeClaimTemplates[0].spec.volumeMode", "Filesystem" },
    };

    [Theory, MemberData(nameof(Defaults))]
    public void Defaulting_fills_what_OpenKruise_fills(string path, string? expected) =>
        Assert.Equal(expected, At(StatefulSetDefaults.Apply(Valid()), path));

    [Fact]
    public void Defaulting_keeps_explicit_values_and_leaves_the_input_alone()
    {
        var input = Valid();
        input.Spec.PodManagementPolicy = "Parallel";
        Rolling(input).MaxUnavailable = "50%";
        Rolling(input).PodUpdatePolicy = "InPlaceIfPossible";
        var defaulted = StatefulSetDefaults.Apply(input);
        Assert.Equal("Parallel", At(defaulted, "spec.podManagementPolicy"));
        Assert.Equal("50%", At(defaulted, "spec.updateStrategy.rollingUpdate.maxUnavailable"));
        Assert.Equal("InPlaceIfPossible", At(defaulted, "spec.updateStrategy.rollingUpdate.podUpdatePolicy"));
        Assert.Null(input.Spec.Replicas);
        Assert.Null(input.Spec.Template!.Spec.RestartPolicy);
    }

    [Fact]
    public void OnDelete_gets_no_rolling_update_parameters()
    {
        var input = Valid();
        input.Spec.UpdateStrategy = new() { Type = "OnDelete" };
        Assert.Null(At(StatefulSetDefaults.Apply(input), "spec.updateStrategy.rollingUpdate"));
    }

    private static readonly Dictionary<string, Action<StatefulSet>> BadInputs = new()
    {
        ["negative replicas"] = s => s.Spec.Replicas = -1,
        ["selector misses the template"] = s => s.Spec.Selector!.MatchLabels["app"] = "api",
        ["job-style restart policy"] = s => s.Spec.Template!.Spec.RestartPolicy = "OnFailure",
        ["pod deadline"] = s => s.Spec.Template!.Spec.ActiveDeadlineSeconds = 600,
        ["unknown pod management"] = s => s.Spec.PodManagementPolicy = "Sequential",
        ["unknown update type"] = s => s.Spec.UpdateStrategy = new() { Type = "Recreate" },
        ["rolling parameters with OnDelete"] = s => s.Spec.UpdateStrategy = new() { Type = "OnDelete", RollingUpdate = new() { Partition = 2 } },
        ["negative partition"] = s => Rolling(s).Partition = -1,
        ["minReadySeconds too long"] = s => Rolling(s).MinReadySeconds = 600,
        ["maxUnavailable 3 while ordered"] = s => Rolling(s).MaxUnavailable = 3,
        ["maxUnavailable percent while ordered"] = s => Rolling(s).MaxUnavailable = "20%",
        ["maxUnavailable 0 in parallel"] = s => { s.Spec.PodManagementPolicy = "Parallel"; Rolling(s).MaxUnavailable = "0%"; },
        ["maxUnavailable not a number"] = s => Rolling(s).MaxUnavailable = "half",
        ["scale maxUnavailable while ordered"] = s => s.Spec.ScaleStrategy = new() { MaxUnavailable = 2 },
        ["misspelt podUpdatePolicy"] = s => Rolling(s).PodUpdatePolicy = "InPlace",
        ["in-place without readiness gate"] = s => Rolling(s).PodUpdatePolicy = "InPlaceOnly",
        ["unordered update while ordered"] = s => Rolling(s).UnorderedUpdate = new() { PriorityStrategy = new() { OrderPriority = [new() { OrderedKey = "" }] } },
        ["bad reserved ordinals"] = s => s.Spec.ReserveOrdinals = [-1, "5-3", "two", "50%"],
        ["claim template without name"] = s => s.Spec.VolumeClaimTemplates![0].Metadata.Name = null,
        ["duplicate claim templates"] = s => s.Spec.VolumeClaimTemplates!.Add(new() { Metadata = new() { Name = "www" } }),
        ["unknown retention policy"] = s => s.Spec.PersistentVolumeClaimRetentionPolicy = new() { WhenDeleted = "Retain", WhenScaled = "Remove" },
        ["unknown claim update type"] = s => s.Spec.VolumeClaimUpdateStrategy = new() { Type = "OnRollingUpdate" },
        ["negative ordinal start"] = s => s.Spec.Ordinals = new() { Start = -1 },
        ["negative grace period"] = s => Rolling(s).InPlaceUpdateStrategy = new() { GracePeriodSeconds = -5 },
        ["empty lifecycle finalizer"] = s => s.Spec.Lifecycle = new() { PreDelete = new() { FinalizersHandler = [""] } },
    };

    public static TheoryData<string, string[]> Rejections => new()
    {
        { "negative replicas", ["spec.replicas: must be >= 0"] },
        { "selector misses the template", ["spec.selector: does not match template labels"] },
        { "job-style restart policy", ["spec.template.spec.restartPolicy: unsupported value \"OnFailure\": must be one of Always"] },
        { "pod deadline", ["spec.template.spec.activeDeadlineSeconds: must not be set for pods a workload keeps running"] },
        { "unknown pod management", ["spec.podManagementPolicy: unsupported value \"Sequential\": must be one of OrderedReady, Parallel"] },
        { "unknown update type", ["spec.updateStrategy.type: unsupported value \"Recreate\": must be one of RollingUpdate, OnDelete"] },
        { "rolling parameters with OnDelete", ["spec.updateStrategy.rollingUpdate: may only be set when type is RollingUpdate"] },
        { "negative partition", ["spec.updateStrategy.rollingUpdate.partition: must be >= 0"] },
        { "minReadySeconds too long", ["spec.updateStrategy.rollingUpdate.minReadySeconds: must be in the range 0-300"] },
        { "maxUnavailable 3 while ordered", ["spec.updateStrategy.rollingUpdate.maxUnavailable: must be 1 unless podManagementPolicy is Parallel"] },
        { "maxUnavailable percent while ordered", ["spec.updateStrategy.rollingUpdate.maxUnavailable: must be 1 unless podManagementPolicy is Parallel"] },
        { "maxUnavailable 0 in parallel", ["spec.updateStrategy.rollingUpdate.maxUnavailable: must be at least 1"] },
        { "maxUnavailable not a number", ["spec.updateStrategy.rollingUpdate.maxUnavailable: invalid value \"half\": must be an integer or a percentage such as \"20%\""] },
        { "scale maxUnavailable while ordered", ["spec.scaleStrategy.maxUnavailable: must be 1 unless podManagementPolicy is Parallel"] },
        { "misspelt podUpdatePolicy", ["spec.updateStrategy.rollingUpdate.podUpdatePolicy: unsupported value \"InPlace\": must be one of ReCreate, InPlaceIfPossible, InPlaceOnly"] },
        { "in-place without readiness gate", ["spec.template.spec.readinessGates: must contain InPlaceUpdateReady when podUpdatePolicy is InPlaceOnly"] },
        {
            "unordered update while ordered",
            [
                "spec.updateStrategy.rollingUpdate.unorderedUpdate: requires podManagementPolicy Parallel",
                "spec.updateStrategy.rollingUpdate.unorderedUpdate.priorityStrategy.orderPriority[0].orderedKey: is required",
            ]
        },
        {
            "bad reserved ordinals",
            [
                "spec.reserveOrdinals[0]: must be >= 0",
                "spec.reserveOrdinals[1]: invalid range \"5-3\": start must not be greater than end",
                "spec.reserveOrdinals[2]: invalid value \"two\": must be an ordinal or a range such as \"3-5\"",
                "spec.reserveOrdinals[3]: invalid value \"50%\": must be an ordinal or a range such as \"3-5\"",
            ]
        },
        { "claim template without name", ["spec.volumeClaimTemplates[0].metadata.name: must not be empty"] },
        { "duplicate claim templates", ["spec.volumeClaimTemplates[1].metadata.name: duplicate value \"www\""] },
        { "unknown retention policy", ["spec.persistentVolumeClaimRetentionPolicy.whenScaled: unsupported value \"Remove\": must be one of Retain, Delete"] },
        { "unknown claim update type", ["spec.volumeClaimUpdateStrategy.type: unsupported value \"OnRollingUpdate\": must be one of OnPodRollingUpdate, OnDelete"] },
        { "negative ordinal start", ["spec.ordinals.start: must be >= 0"] },
        { "negative grace period", ["spec.updateStrategy.rollingUpdate.inPlaceUpdateStrategy.gracePeriodSeconds: must be >= 0"] },
        { "empty lifecycle finalizer", ["spec.lifecycle.preDelete.finalizersHandler[0]: must not be empty"] },
    };

    [Theory, MemberData(nameof(Rejections))]
    public void Validation_rejects_what_the_webhook_rejects(string input, string[] expected)
    {
        var statefulSet = Valid();
        BadInputs[input](statefulSet);
        Assert.Equal(expected, Lines(StatefulSetValidation.Validate(StatefulSetDefaults.Apply(statefulSet))));
    }

    private static readonly Dictionary<string, Action<StatefulSet>> Edits = new()
    {
        ["scale"] = s => s.Spec.Replicas = 7,
        ["new image"] = s => s.Spec.Template!.Spec.Containers[0].Image = "nginx:1.26",
        ["new env"] = s => s.Spec.Template!.Spec.Containers[0].Env[0].Value = "debug",
        ["new pod label"] = s => s.Spec.Template!.Metadata.Labels["tier"] = "edge",
        ["bigger claim"] = s => s.Spec.VolumeClaimTemplates![0].Spec.Resources.Requests["storage"] = new ResourceQuantity("5Gi"),
        ["faster claim class"] = s => s.Spec.VolumeClaimTemplates![0].Spec.StorageClassName = "ssd",
        ["extra claim"] = s => s.Spec.VolumeClaimTemplates!.Add(new() { Metadata = new() { Name = "logs" } }),
        ["reserve an ordinal"] = s => s.Spec.ReserveOrdinals = [1],
        ["other service"] = s => s.Spec.ServiceName = "web-v2",
        ["other selector"] = s => { s.Spec.Selector!.MatchLabels["app"] = "web2"; s.Spec.Template!.Metadata.Labels["app"] = "web2"; },
        ["parallel"] = s => s.Spec.PodManagementPolicy = "Parallel",
    };

    public static TheoryData<string, string, string[]> Updates => new()
    {
        { "ReCreate", "scale", [] },
        { "ReCreate", "new env", [] },
        { "ReCreate", "extra claim", [] },
        { "ReCreate", "reserve an ordinal", [] },
        { "ReCreate", "other service", ["spec.serviceName: field is immutable"] },
        { "ReCreate", "other selector", ["spec.selector: field is immutable"] },
        { "ReCreate", "parallel", ["spec.podManagementPolicy: field is immutable"] },
        { "InPlaceOnly", "new image", [] },
        { "InPlaceOnly", "new pod label", [] },
        { "InPlaceOnly", "new env", ["spec.template.spec: only container images may change when the update policy is InPlaceOnly"] },
        { "OnPodRollingUpdate", "bigger claim", [] },
        { "OnPodRollingUpdate", "faster claim class", ["spec.volumeClaimTemplates[0]: only the storage size may change when volumeClaimUpdateStrategy is OnPodRollingUpdate"] },
        { "OnPodRollingUpdate", "extra claim", ["spec.volumeClaimTemplates: templates may not be added or removed when volumeClaimUpdateStrategy is OnPodRollingUpdate"] },
    };

    [Theory, MemberData(nameof(Updates))]
    public void Updates_may_change_only_what_OpenKruise_allows(string policy, string edit, string[] expected)
    {
        var old = Valid();
        if (policy == "OnPodRollingUpdate")
            old.Spec.VolumeClaimUpdateStrategy = new() { Type = policy };
        else
        {
            Rolling(old).PodUpdatePolicy = policy;
            old.Spec.Template!.Spec.ReadinessGates = [new() { ConditionType = "InPlaceUpdateReady" }];
        }
        old = StatefulSetDefaults.Apply(old);
        var updated = StatefulSetDefaults.Apply(old);
        Edits[edit](updated);
        Assert.Equal(expected, Lines(StatefulSetValidation.ValidateUpdate(old, updated)));
    }

    [Fact]
    public void Parallel_sets_may_update_several_pods_at_once_in_priority_order()
    {
        var statefulSet = Valid();
        statefulSet.Spec.PodManagementPolicy = "Parallel";
        Rolling(statefulSet).MaxUnavailable = "50%";
        Rolling(statefulSet).UnorderedUpdate = new() { PriorityStrategy = new() { OrderPriority = [new() { OrderedKey = "rank" }] } };
        statefulSet.Spec.ScaleStrategy = new() { MaxUnavailable = 3 };
        statefulSet.Spec.ReserveOrdinals = [2, "4-6"];
        Assert.Empty(StatefulSetValidation.Validate(StatefulSetDefaults.Apply(statefulSet)));
    }

    [Fact]
    public void Crd_matches_OpenKruise_names_versions_columns_and_scale()
    {
        var crd = CrdGenerator.Generate(KruiseKinds.All.Single(k => k.Type == typeof(StatefulSet)));
        Assert.Equal("statefulsets.apps.kruise.io", crd.Metadata.Name);
        Assert.Equal(["sts", "asts"], crd.Spec.Names.ShortNames);
        Assert.Equal(["v1beta1/storage", "v1alpha1/served"], crd.Spec.Versions.Select(v => $"{v.Name}/{(v.Storage ? "storage" : "served")}"));
        var version = crd.Spec.Versions[0];
        Assert.Equal(["DESIRED", "CURRENT", "UPDATED", "READY", "AGE", "CONTAINERS:1", "IMAGES:1"],
            version.AdditionalPrinterColumns.Select(c => c.Priority is { } p ? $"{c.Name}:{p}" : c.Name));
        Assert.Equal(".status.labelSelector", version.Subresources.Scale.LabelSelectorPath);
        Assert.True(version.Schema.OpenAPIV3Schema.Properties["spec"].Properties["volumeClaimTemplates"].XKubernetesPreserveUnknownFields);
    }
}
