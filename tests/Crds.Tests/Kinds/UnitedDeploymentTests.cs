using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class UnitedDeploymentTests
{
    private const string ValidYaml = """
        apiVersion: apps.kruise.io/v1alpha1
        kind: UnitedDeployment
        metadata:
          name: shop
          namespace: default
        spec:
          replicas: 6
          selector:
            matchLabels:
              app: shop
          template:
            cloneSetTemplate:
              metadata:
                labels:
                  app: shop
              spec:
                selector:
                  matchLabels:
                    app: shop
                template:
                  metadata:
                    labels:
                      app: shop
                  spec:
                    containers:
                    - name: shop
                      image: registry.example.com/shop:3.1.0
          topology:
            subsets:
            - name: zone-a
              nodeSelectorTerm:
                matchExpressions:
                - key: topology.kubernetes.io/zone
                  operator: In
                  values: ["zone-a"]
            - name: zone-b
              nodeSelectorTerm:
                matchExpressions:
                - key: topology.kubernetes.io/zone
                  operator: In
                  values: ["zone-b"]
        """;

    private const string PodTemplateJson = """
        {"metadata":{"labels":{"app":"shop"}},"spec":{"containers":[{"name":"shop","image":"registry.example.com/shop:3.1.0"}]}}
        """;

    private static UnitedDeployment Valid() => KubernetesYaml.Deserialize<UnitedDeployment>(ValidYaml);

    private static UnitedDeploymentSubset Subset(int index, UnitedDeployment ud) => ud.Spec.Topology!.Subsets![index];

    private static V1PodTemplateSpec PodTemplate() => KubernetesJson.Deserialize<V1PodTemplateSpec>(PodTemplateJson);

    private static StatefulSetTemplateSpec StatefulSetTemplate(string app = "shop", int? replicas = null) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1StatefulSetSpec { ServiceName = "shop", Selector = new V1LabelSelector(), Template = PodTemplate(), Replicas = replicas },
    };

    private static AdvancedStatefulSetTemplateSpec AdvancedTemplate(Action<StatefulSetSpec>? change = null)
    {
        var spec = new StatefulSetSpec { ServiceName = "shop", Selector = new V1LabelSelector(), ReserveOrdinals = [1], Template = PodTemplate() };
        change?.Invoke(spec);
        return new() { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "shop" } }, Spec = spec };
    }

    private static UnitedDeployment With(Action<UnitedDeployment> change)
    {
        var ud = Valid();
        change(ud);
        return ud;
    }

    [Fact]
    public void Valid_united_deployments_have_no_errors()
    {
        Assert.Empty(UnitedDeploymentValidation.Validate(Valid()));
        Assert.Empty(UnitedDeploymentValidation.Validate(UnitedDeploymentDefaults.Apply(Valid())));
        Assert.Empty(UnitedDeploymentValidation.Validate(With(u => u.Spec.Template = new() { StatefulSetTemplate = StatefulSetTemplate() })));
        Assert.Empty(UnitedDeploymentValidation.Validate(With(u => u.Spec.Template = new() { AdvancedStatefulSetTemplate = AdvancedTemplate() })));
        Assert.Empty(UnitedDeploymentValidation.Validate(With(u => (Subset(0, u).Replicas, Subset(1, u).Replicas) = ("50%", 3))));
        Assert.Empty(UnitedDeploymentValidation.Validate(With(u => (Subset(0, u).MinReplicas, Subset(0, u).MaxReplicas) = (1, 4))));
    }

    [Fact]
    public void Defaults_are_idempotent()
    {
        var once = UnitedDeploymentDefaults.Apply(Valid());
        Assert.Equal(KubernetesJson.Serialize(once), KubernetesJson.Serialize(UnitedDeploymentDefaults.Apply(once)));
    }

    [Theory]
    [InlineData("spec.revisionHistoryLimit", "10")]
    [InlineData("spec.updateStrategy", "{\"type\":\"Manual\",\"manualUpdate\":{}}")]
    [InlineData("spec.replicas", "6")]
    [InlineData("spec.topology.subsets[0].minReplicas", null)]
    [InlineData("spec.template.cloneSetTemplate.spec.template.spec.dnsPolicy", null)]
    public void Defaults(string path, string? expected)
    {
        var input = Valid();
        Assert.Equal(expected, KindTestKit.At(UnitedDeploymentDefaults.Apply(input), path));
        Assert.Null(KindTestKit.At(input, "spec.updateStrategy"));
    }

    [Fact]
    public void Defaults_give_ranged_subsets_a_zero_floor_and_StatefulSet_pods_their_defaults()
    {
        var ranged = UnitedDeploymentDefaults.Apply(With(u => Subset(0, u).MaxReplicas = 4));
        Assert.Equal("0", KindTestKit.At(ranged, "spec.topology.subsets[0].minReplicas"));
        Assert.Equal("0", KindTestKit.At(ranged, "spec.topology.subsets[1].minReplicas"));
        var unsetTotal = UnitedDeploymentDefaults.Apply(With(u => u.Spec.Replicas = null));
        Assert.Null(KindTestKit.At(unsetTotal, "spec.replicas"));
        var statefulSet = UnitedDeploymentDefaults.Apply(With(u => u.Spec.Template = new() { StatefulSetTemplate = StatefulSetTemplate() }));
        Assert.Equal("Always", KindTestKit.At(statefulSet, "spec.template.statefulSetTemplate.spec.template.spec.restartPolicy"));
    }

    private const string TemplateKinds = "statefulSetTemplate, advancedStatefulSetTemplate, cloneSetTemplate or deploymentTemplate";
    private const string Subsets = "spec.topology.subsets";

    private static readonly Dictionary<string, (Action<UnitedDeployment> Break, string[] Errors)> Invalid = new()
    {
        ["no template"] = (u => u.Spec.Template = null, [$"spec.template: must set one of {TemplateKinds}"]),
        ["two templates"] = (u => u.Spec.Template!.StatefulSetTemplate = StatefulSetTemplate(), [$"spec.template: must set only one of {TemplateKinds}"]),
        ["empty selector"] = (u => u.Spec.Selector = new V1LabelSelector(), ["spec.selector: empty selector is invalid"]),
        ["negative replicas"] = (u => u.Spec.Replicas = -1, ["spec.replicas: must be >= 0"]),
        ["pod labels off the selector"] = (u => u.Spec.Template!.CloneSetTemplate!.Spec!.Template!.Metadata.Labels["app"] = "store",
            ["spec.template.cloneSetTemplate.spec.template.metadata.labels: must match spec.selector"]),
        ["StatefulSet labels off the selector"] = (u => u.Spec.Template = new() { StatefulSetTemplate = StatefulSetTemplate(app: "store") },
            ["spec.template.statefulSetTemplate.metadata.labels: must match spec.selector"]),
        ["StatefulSet replicas"] = (u => u.Spec.Template = new() { StatefulSetTemplate = StatefulSetTemplate(replicas: 3) },
            ["spec.template.statefulSetTemplate.spec.replicas: must be unset: the UnitedDeployment sets each subset's replicas"]),
        ["StatefulSet partition"] = (u =>
            {
                var template = StatefulSetTemplate();
                template.Spec!.UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new() { Partition = 2 } };
                u.Spec.Template = new() { StatefulSetTemplate = template };
            },
            ["spec.template.statefulSetTemplate.spec.updateStrategy.rollingUpdate.partition: must be unset: the UnitedDeployment sets each subset's partition"]),
        ["Advanced StatefulSet replicas"] = (u => u.Spec.Template = new() { AdvancedStatefulSetTemplate = AdvancedTemplate(s => s.Replicas = 3) },
            ["spec.template.advancedStatefulSetTemplate.spec.replicas: must be unset: the UnitedDeployment sets each subset's replicas"]),
        ["Deployment pods that stop"] = (u =>
            {
                var pods = PodTemplate();
                pods.Spec.RestartPolicy = "OnFailure";
                u.Spec.Template = new() { DeploymentTemplate = new() { Metadata = StatefulSetTemplate().Metadata, Spec = new V1DeploymentSpec { Selector = new(), Template = pods } } };
            },
            ["spec.template.deploymentTemplate.spec.template.spec.restartPolicy: unsupported value \"OnFailure\": must be one of Always"]),
        ["subset name not a label"] = (u => Subset(0, u).Name = "Zone_A", [$"{Subsets}[0].name: invalid value \"Zone_A\": must be a lowercase RFC 1123 label"]),
        ["duplicate subset"] = (u => Subset(1, u).Name = "zone-a", [$"{Subsets}[1].name: duplicate value \"zone-a\""]),
        ["replicas over the total"] = (u => (Subset(0, u).Replicas, Subset(1, u).Replicas) = (4, 3),
            [$"{Subsets}: the sum of subset replicas (7) must not exceed spec.replicas (6)"]),
        ["replicas short of the total"] = (u => (Subset(0, u).Replicas, Subset(1, u).Replicas) = (2, 3),
            [$"{Subsets}: when every subset sets replicas they must sum to spec.replicas (6), not 5"]),
        ["percent over 100"] = (u => Subset(0, u).Replicas = "150%", [$"{Subsets}[0].replicas: must be between 0% and 100%"]),
        ["percent without a total"] = (u => (u.Spec.Replicas, Subset(0, u).Replicas, Subset(1, u).Replicas) = (null, "50%", 3),
            [$"{Subsets}[0].replicas: a percentage needs spec.replicas to be set"]),
        ["no total and open subsets"] = (u => (u.Spec.Replicas, Subset(0, u).Replicas) = (null, 3),
            [$"{Subsets}: every subset must set replicas when spec.replicas is unset"]),
        ["replicas and ranges mixed"] = (u => (Subset(0, u).Replicas, Subset(1, u).MaxReplicas) = (2, 4),
            [$"{Subsets}: replicas and minReplicas/maxReplicas are mutually exclusive: use one or the other"]),
        ["min above max"] = (u => (Subset(0, u).MinReplicas, Subset(0, u).MaxReplicas) = (5, 2), [$"{Subsets}[0].minReplicas: must not be greater than maxReplicas"]),
        ["every subset capped"] = (u => (Subset(0, u).MaxReplicas, Subset(1, u).MaxReplicas) = (3, 3), [$"{Subsets}: at least one subset must leave maxReplicas unset"]),
        ["ranges without a total"] = (u => (u.Spec.Replicas, Subset(0, u).MaxReplicas) = (null, 3), ["spec.replicas: is required when subsets set minReplicas or maxReplicas"]),
        ["replicas with Adaptive"] = (u => (u.Spec.Topology!.ScheduleStrategy, Subset(0, u).Replicas) = (new() { Type = "Adaptive" }, 2),
            [$"{Subsets}[0].replicas: may not be set with the Adaptive schedule strategy: use minReplicas and maxReplicas"]),
        ["reservation for a StatefulSet"] = (u =>
            {
                u.Spec.Template = new() { StatefulSetTemplate = StatefulSetTemplate() };
                u.Spec.Topology!.ScheduleStrategy = new() { Type = "Adaptive", Adaptive = new() { ReserveUnschedulablePods = true } };
            },
            ["spec.topology.scheduleStrategy.adaptive.reserveUnschedulablePods: is supported only with deploymentTemplate or cloneSetTemplate"]),
        ["unknown schedule strategy"] = (u => u.Spec.Topology!.ScheduleStrategy = new() { Type = "Spread" },
            ["spec.topology.scheduleStrategy.type: unsupported value \"Spread\": must be one of Fixed, Adaptive"]),
        ["partition for a missing subset"] = (u => u.Spec.UpdateStrategy = new() { ManualUpdate = new() { Partitions = new Dictionary<string, int> { ["zone-c"] = 1 } } },
            ["spec.updateStrategy.manualUpdate.partitions[zone-c]: no subset is named \"zone-c\""]),
        ["unknown update strategy"] = (u => u.Spec.UpdateStrategy = new() { Type = "Auto" }, ["spec.updateStrategy.type: unsupported value \"Auto\": must be Manual"]),
        ["toleration without key"] = (u => Subset(0, u).Tolerations = [new V1Toleration { OperatorProperty = "Equal", Value = "x" }],
            [$"{Subsets}[0].tolerations[0].operator: must be Exists when key is empty"]),
        ["Gt with a word"] = (u => Subset(0, u).NodeSelectorTerm!.MatchExpressions[0] = new V1NodeSelectorRequirement { Key = "cpu", OperatorProperty = "Gt", Values = ["many"] },
            [$"{Subsets}[0].nodeSelectorTerm.matchExpressions[0].values: must be a single integer when operator is Gt or Lt"]),
    };

    public static TheoryData<string> InvalidCases => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Rejects(string name)
    {
        var (breakIt, expected) = Invalid[name];
        Assert.Equal(expected, KindTestKit.Lines(UnitedDeploymentValidation.Validate(With(breakIt))));
    }

    [Fact]
    public void Updates_keep_subset_placement_fixed()
    {
        var before = Valid();
        Assert.Empty(UnitedDeploymentValidation.ValidateUpdate(before, With(u => Subset(0, u).Tolerations = [])));
        Assert.Equal([$"{Subsets}[1].nodeSelectorTerm: field is immutable"],
            KindTestKit.Lines(UnitedDeploymentValidation.ValidateUpdate(before, With(u => Subset(1, u).NodeSelectorTerm!.MatchExpressions[0].Values[0] = "zone-c"))));
        Assert.Equal([$"{Subsets}[0].tolerations: field is immutable"],
            KindTestKit.Lines(UnitedDeploymentValidation.ValidateUpdate(before, With(u => Subset(0, u).Tolerations = [new V1Toleration { Key = "spot", OperatorProperty = "Exists" }]))));
    }

    [Fact]
    public void Updates_of_a_StatefulSet_template_may_change_only_pods_and_strategy()
    {
        var before = With(u => u.Spec.Template = new() { StatefulSetTemplate = StatefulSetTemplate() });
        var newImage = With(u => u.Spec.Template = new() { StatefulSetTemplate = StatefulSetTemplate() });
        newImage.Spec.Template!.StatefulSetTemplate!.Spec!.Template.Spec.Containers[0].Image = "registry.example.com/shop:3.2.0";
        Assert.Empty(UnitedDeploymentValidation.ValidateUpdate(before, newImage));
        var newService = With(u => u.Spec.Template = new() { StatefulSetTemplate = StatefulSetTemplate() });
        newService.Spec.Template!.StatefulSetTemplate!.Spec!.ServiceName = "shop-headless";
        Assert.Equal(["spec.template.statefulSetTemplate.spec: may only change template and updateStrategy"],
            KindTestKit.Lines(UnitedDeploymentValidation.ValidateUpdate(before, newService)));

        var advanced = With(u => u.Spec.Template = new() { AdvancedStatefulSetTemplate = AdvancedTemplate() });
        Assert.Empty(UnitedDeploymentValidation.ValidateUpdate(advanced, With(u => u.Spec.Template = new() { AdvancedStatefulSetTemplate = AdvancedTemplate(s => s.UpdateStrategy = new() { Type = "OnDelete" }) })));
        Assert.Equal(["spec.template.advancedStatefulSetTemplate.spec: may only change template and updateStrategy"],
            KindTestKit.Lines(UnitedDeploymentValidation.ValidateUpdate(advanced, With(u => u.Spec.Template = new() { AdvancedStatefulSetTemplate = AdvancedTemplate(s => s.PodManagementPolicy = "Parallel") }))));
    }
}
