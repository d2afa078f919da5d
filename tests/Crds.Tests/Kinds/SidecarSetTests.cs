using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Schema;
using static Kruise.Actors.Crds.Tests.Kinds.KindTestKit;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class SidecarSetTests
{
    private const string Sample = """
        apiVersion: apps.kruise.io/v1alpha1
        kind: SidecarSet
        metadata:
          name: log-agent
        spec:
          selector:
            matchLabels:
              logging: "on"
          containers:
          - name: log-agent
            image: fluent/fluent-bit:3.0
            volumeMounts:
            - name: agent-config
              mountPath: /config
          volumes:
          - name: agent-config
            configMap:
              name: fluent-bit-config
        """;

    private static SidecarSet Valid() => FromYaml<SidecarSet>(Sample);

    private static SidecarContainer Agent(SidecarSet s) => s.Spec.Containers![0];

    private static SidecarSetUpdateStrategy Update(SidecarSet s) => s.Spec.UpdateStrategy ??= new();

    [Fact]
    public void The_sample_is_valid_before_and_after_defaulting()
    {
        Assert.Empty(SidecarSetValidation.Validate(Valid()));
        Assert.Empty(SidecarSetValidation.Validate(SidecarSetDefaults.Apply(Valid())));
    }

    public static TheoryData<string, string?> Defaults => new()
    {
        { "spec.updateStrategy.type", "RollingUpdate" },
        { "spec.updateStrategy.maxUnavailable", "1" },
        { "spec.updateStrategy.partition", "0" },
        { "spec.revisionHistoryLimit", "10" },
        { "spec.injectionStrategy", null },
        { "spec.containers[0].podInjectPolicy", "BeforeAppContainer" },
        { "spec.containers[0].upgradeStrategy.upgradeType", "ColdUpgrade" },
        { "spec.containers[0].shareVolumePolicy.type", "disabled" },
        { "spec.containers[0].shareVolumeDevicePolicy", null },
        { "spec.containers[0].imagePullPolicy", "IfNotPresent" },
        { "spec.containers[0].terminationMessagePath", "/dev/termination-log" },
        { "spec.initContainers[0].podInjectPolicy", "AfterAppContainer" },
        { "spec.initContainers[0].imagePullPolicy", "Always" },
        { "spec.patchPodMetadata[0].patchPolicy", "Retain" },
        { "spec.injectionStrategy.revision.policy", "Always" },
        { "spec.containers[0].transferEnv[0].sourceContainerNameFrom.fieldRef.apiVersion", "v1" },
        { "spec.containers[0].resourcesPolicy.targetContainersNameRegex", ".*" },
    };

    [Theory, MemberData(nameof(Defaults))]
    public void Defaulting_fills_what_OpenKruise_fills(string path, string? expected)
    {
        var input = Valid();
        if (!path.StartsWith("spec.injectionStrategy", StringComparison.Ordinal) || expected is not null)
        {
            input.Spec.InitContainers = [new() { Name = "init-config", Image = "busybox" }];
            input.Spec.PatchPodMetadata = [new() { Annotations = new Dictionary<string, string> { ["example.com/logs"] = "on" } }];
            input.Spec.InjectionStrategy = new() { Revision = new() { RevisionName = "log-agent-1" } };
            Agent(input).TransferEnv = [new() { SourceContainerNameFrom = new() { FieldRef = new() { FieldPath = "metadata.name" } }, EnvName = "TZ" }];
            Agent(input).ResourcesPolicy = new() { TargetContainersMode = "sum", ResourcesExpr = new() { Requests = new() { Cpu = "cpu * 10%" } } };
        }
        Assert.Equal(expected, At(SidecarSetDefaults.Apply(input), path));
        Assert.Null(input.Spec.UpdateStrategy);
    }

    private static readonly Dictionary<string, Action<SidecarSet>> BadInputs = new()
    {
        ["underscore in name"] = s => s.Metadata.Name = "log_agent",
        ["no selector"] = s => s.Spec.Selector = null,
        ["namespace and namespace selector"] = s => { s.Spec.Namespace = "shop"; s.Spec.NamespaceSelector = new() { MatchLabels = new Dictionary<string, string> { ["team"] = "a" } }; },
        ["empty namespace selector"] = s => s.Spec.NamespaceSelector = new(),
        ["no containers"] = s => s.Spec.Containers = [],
        ["duplicate container names"] = s => s.Spec.InitContainers = [new() { Name = "log-agent", Image = "busybox" }],
        ["misspelt inject policy"] = s => Agent(s).PodInjectPolicy = "Before",
        ["misspelt share policy"] = s => Agent(s).ShareVolumePolicy = new() { Type = "Enabled" },
        ["hot upgrade without empty image"] = s => Agent(s).UpgradeStrategy = new() { UpgradeType = "HotUpgrade" },
        ["mount of an unknown volume"] = s => Agent(s).VolumeMounts.Add(new() { Name = "varlog", MountPath = "/var/log" }),
        ["duplicate volumes"] = s => s.Spec.Volumes!.Add(new() { Name = "agent-config", EmptyDir = new() }),
        ["transfer env from nowhere"] = s => Agent(s).TransferEnv = [new()],
        ["transfer env from the node"] = s => Agent(s).TransferEnv = [new() { SourceContainerNameFrom = new() { FieldRef = new() { FieldPath = "spec.nodeName" } }, EnvName = "NODE" }],
        ["resources and resources policy"] = s =>
        {
            Agent(s).Resources = new() { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m") } };
            Agent(s).ResourcesPolicy = new() { TargetContainersMode = "sum", ResourcesExpr = new() { Limits = new() { Cpu = "cpu" } } };
        },
        ["broken resources policy"] = s => Agent(s).ResourcesPolicy = new() { TargetContainersMode = "avg", TargetContainersNameRegex = "app-(", ResourcesExpr = new() },
        ["resources policy on a plain init container"] = s => s.Spec.InitContainers =
            [new() { Name = "init", Image = "busybox", ResourcesPolicy = new() { TargetContainersMode = "max", ResourcesExpr = new() { Requests = new() { Memory = "memory" } } } }],
        ["native sidecar with rolling update"] = s => s.Spec.InitContainers = [new() { Name = "proxy", Image = "envoy:1.30", RestartPolicy = "Always" }],
        ["misspelt update type"] = s => Update(s).Type = "OnDelete",
        ["partition with selector"] = s => { Update(s).Partition = 2; Update(s).Selector = new() { MatchLabels = new Dictionary<string, string> { ["canary"] = "true" } }; },
        ["zero maxUnavailable"] = s => Update(s).MaxUnavailable = 0,
        ["conflicting priorities"] = s => Update(s).PriorityStrategy = new()
        {
            OrderPriority = [new() { OrderedKey = "rank" }],
            WeightPriority = [new() { Weight = 10, MatchSelector = new() { MatchLabels = new Dictionary<string, string> { ["a"] = "b" } } }],
        },
        ["revision without a name"] = s => s.Spec.InjectionStrategy = new() { Revision = new() { Policy = "Sometimes" } },
        ["empty patch"] = s => s.Spec.PatchPodMetadata = [new() { PatchPolicy = "Overwrite" }],
        ["patched twice"] = s => s.Spec.PatchPodMetadata =
        [
            new() { Annotations = new Dictionary<string, string> { ["example.com/a"] = "1" } },
            new() { Annotations = new Dictionary<string, string> { ["example.com/a"] = "2" }, PatchPolicy = "Overwrite" },
        ],
        ["merge patch of plain text"] = s => s.Spec.PatchPodMetadata =
            [new() { Annotations = new Dictionary<string, string> { ["example.com/oom"] = "high" }, PatchPolicy = "MergePatchJson" }],
        ["pull secret without name"] = s => s.Spec.ImagePullSecrets = [new()],
    };

    public static TheoryData<string, string[]> Rejections => new()
    {
        { "underscore in name", ["metadata.name: invalid value \"log_agent\": must consist of alphanumeric characters or '-'"] },
        { "no selector", ["spec.selector: is required"] },
        { "namespace and namespace selector", ["spec.namespaceSelector: may not be set together with namespace"] },
        { "empty namespace selector", ["spec.namespaceSelector: empty selector is invalid"] },
        { "no containers", ["spec.containers: at least one container or initContainer is required"] },
        { "duplicate container names", ["spec.containers[0].name: duplicate value \"log-agent\""] },
        { "misspelt inject policy", ["spec.containers[0].podInjectPolicy: unsupported value \"Before\": must be one of BeforeAppContainer, AfterAppContainer"] },
        { "misspelt share policy", ["spec.containers[0].shareVolumePolicy.type: unsupported value \"Enabled\": must be one of enabled, disabled"] },
        { "hot upgrade without empty image", ["spec.containers[0].upgradeStrategy.hotUpgradeEmptyImage: is required with upgradeType HotUpgrade"] },
        { "mount of an unknown volume", ["spec.containers[0].volumeMounts[1].name: not found: no volume \"varlog\" in spec.volumes"] },
        { "duplicate volumes", ["spec.volumes[1].name: duplicate value \"agent-config\""] },
        {
            "transfer env from nowhere",
            ["spec.containers[0].transferEnv[0]: sourceContainerName or sourceContainerNameFrom.fieldRef is required", "spec.containers[0].transferEnv[0]: envName or envNames is required"]
        },
        {
            "transfer env from the node",
            ["spec.containers[0].transferEnv[0].sourceContainerNameFrom.fieldRef.fieldPath: unsupported value \"spec.nodeName\": must be metadata.name, metadata.labels['<key>'] or metadata.annotations['<key>']"]
        },
        { "resources and resources policy", ["spec.containers[0].resourcesPolicy: may not be set together with resources"] },
        {
            "broken resources policy",
            [
                "spec.containers[0].resourcesPolicy.targetContainersMode: unsupported value \"avg\": must be one of sum, max",
                "spec.containers[0].resourcesPolicy.targetContainersNameRegex: invalid value \"app-(\": must be a non-empty regular expression",
                "spec.containers[0].resourcesPolicy.resourcesExpr: limits or requests is required",
            ]
        },
        { "resources policy on a plain init container", ["spec.initContainers[0].resourcesPolicy: may only be set on an initContainer with restartPolicy Always"] },
        { "native sidecar with rolling update", ["spec.updateStrategy.type: must be NotUpdate when an initContainer has restartPolicy Always: init containers are not upgraded in place"] },
        { "misspelt update type", ["spec.updateStrategy.type: unsupported value \"OnDelete\": must be one of NotUpdate, RollingUpdate"] },
        { "partition with selector", ["spec.updateStrategy.partition: may not be set together with selector"] },
        { "zero maxUnavailable", ["spec.updateStrategy.maxUnavailable: may not be 0"] },
        { "conflicting priorities", ["spec.updateStrategy.priorityStrategy: only one of weightPriority and orderPriority can be used"] },
        {
            "revision without a name",
            ["spec.injectionStrategy.revision: revisionName or customVersion is required", "spec.injectionStrategy.revision.policy: unsupported value \"Sometimes\": must be one of Always, Partial"]
        },
        { "empty patch", ["spec.patchPodMetadata[0].annotations: must not be empty"] },
        { "patched twice", ["spec.patchPodMetadata[1].annotations: duplicate key \"example.com/a\": another patchPodMetadata entry already sets it"] },
        { "merge patch of plain text", ["spec.patchPodMetadata[0].annotations[example.com/oom]: must be a JSON object with patchPolicy MergePatchJson"] },
        { "pull secret without name", ["spec.imagePullSecrets[0].name: is required"] },
    };

    [Theory, MemberData(nameof(Rejections))]
    public void Validation_rejects_what_the_webhook_rejects(string input, string[] expected)
    {
        var sidecarSet = Valid();
        BadInputs[input](sidecarSet);
        Assert.Equal(expected, Lines(SidecarSetValidation.Validate(SidecarSetDefaults.Apply(sidecarSet))));
    }

    [Fact]
    public void Mixed_case_names_native_sidecars_without_upgrades_and_selected_upgrades_are_valid()
    {
        var sidecarSet = Valid();
        sidecarSet.Metadata.Name = "Log-Agent";
        sidecarSet.Spec.InitContainers = [new() { Name = "proxy", Image = "envoy:1.30", RestartPolicy = "Always" }];
        Update(sidecarSet).Type = "NotUpdate";
        Update(sidecarSet).Partition = 2;
        Update(sidecarSet).Selector = new() { MatchLabels = new Dictionary<string, string> { ["canary"] = "true" } };
        Assert.Empty(SidecarSetValidation.Validate(SidecarSetDefaults.Apply(sidecarSet)));
    }

    public static TheoryData<string, string[]> Updates => new()
    {
        { "image", [] },
        { "added container", ["spec.containers[1].name: container \"metrics\" is not in the existing SidecarSet: containers cannot be added or renamed"] },
        { "hot upgrade", ["spec.containers[0].upgradeStrategy.upgradeType: field is immutable"] },
    };

    [Theory, MemberData(nameof(Updates))]
    public void Updates_keep_the_sidecar_containers_and_their_upgrade_type(string edit, string[] expected)
    {
        var old = SidecarSetDefaults.Apply(Valid());
        var updated = SidecarSetDefaults.Apply(old);
        switch (edit)
        {
            case "image":
                Agent(updated).Image = "fluent/fluent-bit:3.1";
                break;
            case "added container":
                updated.Spec.Containers!.Add(new() { Name = "metrics", Image = "prom/statsd-exporter:0.26" });
                break;
            default:
                Agent(updated).UpgradeStrategy = new() { UpgradeType = "HotUpgrade", HotUpgradeEmptyImage = "fluent/empty:1" };
                break;
        }
        Assert.Equal(expected, Lines(SidecarSetValidation.ValidateUpdate(old, updated)));
    }

    [Fact]
    public void A_sidecar_container_becomes_a_plain_container_without_the_SidecarSet_fields()
    {
        var agent = Agent(SidecarSetDefaults.Apply(Valid()));
        var container = agent.ToContainer();
        Assert.Equal(typeof(V1Container), container.GetType());
        var json = KubernetesJson.Serialize(container);
        Assert.DoesNotContain("podInjectPolicy", json, StringComparison.Ordinal);
        Assert.DoesNotContain("upgradeStrategy", json, StringComparison.Ordinal);
        Assert.Equal("fluent/fluent-bit:3.0", container.Image);
        Assert.Equal("/config", container.VolumeMounts[0].MountPath);
    }

    [Fact]
    public void Crd_is_cluster_scoped_and_keeps_container_fields_open()
    {
        var crd = CrdGenerator.Generate(KruiseKinds.All.Single(k => k.Type == typeof(SidecarSet)));
        Assert.Equal("Cluster", crd.Spec.Scope);
        Assert.Null(crd.Spec.Names.ShortNames);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal(["MATCHED", "UPDATED", "READY", "AGE"], version.AdditionalPrinterColumns.Select(c => c.Name));
        var container = (V1JSONSchemaProps)version.Schema.OpenAPIV3Schema.Properties["spec"].Properties["containers"].Items;
        Assert.True(container.XKubernetesPreserveUnknownFields);
        Assert.Equal(["podInjectPolicy", "resourcesPolicy", "shareVolumeDevicePolicy", "shareVolumePolicy", "transferEnv", "upgradeStrategy"], container.Properties.Keys);
    }
}
