using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class WorkloadSpreadTests
{
    private const string ValidYaml = """
        apiVersion: apps.kruise.io/v1alpha1
        kind: WorkloadSpread
        metadata:
          name: web-zones
          namespace: default
        spec:
          targetRef:
            apiVersion: apps/v1
            kind: Deployment
            name: web
          subsets:
          - name: zone-a
            requiredNodeSelectorTerm:
              matchExpressions:
              - key: topology.kubernetes.io/zone
                operator: In
                values: ["zone-a"]
            maxReplicas: 3
            patch:
              metadata:
                labels:
                  zone: zone-a
          - name: zone-b
            requiredNodeSelectorTerm:
              matchExpressions:
              - key: topology.kubernetes.io/zone
                operator: In
                values: ["zone-b"]
        """;

    private static WorkloadSpread Valid() => KubernetesYaml.Deserialize<WorkloadSpread>(ValidYaml);

    private static WorkloadSpreadSubset Subset(int index, WorkloadSpread spread) => spread.Spec.Subsets![index];

    [Fact]
    public void Valid_spreads_have_no_errors()
    {
        Assert.Empty(WorkloadSpreadValidation.Validate(Valid()));
        Assert.Empty(WorkloadSpreadValidation.Validate(KubernetesYaml.Deserialize<WorkloadSpread>(Samples.Yaml(Samples.Kind("WorkloadSpread")))));
    }

    [Fact]
    public void Defaults_store_what_the_user_wrote()
    {
        var spread = Valid();
        var defaulted = WorkloadSpreadDefaults.Apply(spread);
        Assert.NotSame(spread, defaulted);
        Assert.Equal(KubernetesJson.Serialize(spread), KubernetesJson.Serialize(defaulted));
        Assert.False(WorkloadSpreadDefaults.IsAdaptive(defaulted.Spec));
    }

    [Theory]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("apps/v1", "ReplicaSet")]
    [InlineData("batch/v1", "Job")]
    [InlineData("apps/v1", "StatefulSet")]
    [InlineData("apps.kruise.io/v1beta1", "StatefulSet")]
    [InlineData("apps.kruise.io/v1alpha1", "CloneSet")]
    public void Accepts_target(string apiVersion, string kind)
    {
        var spread = Valid();
        spread.Spec.TargetRef = new WorkloadSpreadTargetReference { ApiVersion = apiVersion, Kind = kind, Name = "web" };
        Assert.Empty(WorkloadSpreadValidation.Validate(spread));
    }

    private static readonly Dictionary<string, (Action<WorkloadSpread> Break, string[] Errors)> Invalid = new()
    {
        ["unsupported kind"] = (s => s.Spec.TargetRef = new() { ApiVersion = "kubeflow.org/v1", Kind = "TFJob", Name = "train" },
            ["spec.targetRef.kind: unsupported value \"TFJob\": must be one of CloneSet, Deployment, ReplicaSet, Job, StatefulSet"]),
        ["kind in the wrong group"] = (s => s.Spec.TargetRef!.ApiVersion = "apps.kruise.io/v1alpha1",
            ["spec.targetRef.apiVersion: invalid group \"apps.kruise.io\" for kind Deployment: must be apps"]),
        ["malformed apiVersion"] = (s => s.Spec.TargetRef!.ApiVersion = "apps/v1/extra",
            ["spec.targetRef.apiVersion: invalid value \"apps/v1/extra\": must be group/version or version"]),
        ["target without name"] = (s => s.Spec.TargetRef!.Name = null, ["spec.targetRef: apiVersion, kind and name are required"]),
        ["no target"] = (s => s.Spec.TargetRef = null, ["spec.targetRef: is required"]),
        ["no subsets"] = (s => s.Spec.Subsets = [], ["spec.subsets: must have at least one subset"]),
        ["duplicate subset"] = (s => Subset(1, s).Name = "zone-a", ["spec.subsets[1].name: duplicate value \"zone-a\""]),
        ["unnamed subset"] = (s => Subset(1, s).Name = "", ["spec.subsets[1].name: must not be empty"]),
        ["int and percent mixed"] = (s => Subset(1, s).MaxReplicas = "50%",
            ["spec.subsets[1].maxReplicas: must be of the same type (integer or percentage) in every subset"]),
        ["percentages over 100"] = (s => (Subset(0, s).MaxReplicas, Subset(1, s).MaxReplicas) = ("60%", "50%"),
            ["spec.subsets[1].maxReplicas: percentages over all subsets must not exceed 100%"]),
        ["percentages short of 100"] = (s => (Subset(0, s).MaxReplicas, Subset(1, s).MaxReplicas) = ("30%", "40%"),
            ["spec.subsets: maxReplicas percentages must sum to 100% unless the last subset leaves maxReplicas unset"]),
        ["percent for a StatefulSet"] = (s => (s.Spec.TargetRef!.Kind, Subset(0, s).MaxReplicas) = ("StatefulSet", "50%"),
            ["spec.subsets[0].maxReplicas: must be an integer for a StatefulSet"]),
        ["maxReplicas not a number"] = (s => Subset(0, s).MaxReplicas = "lots",
            ["spec.subsets[0].maxReplicas: invalid value \"lots\": must be an integer or a percentage such as \"20%\""]),
        ["negative maxReplicas"] = (s => Subset(0, s).MaxReplicas = -1, ["spec.subsets[0].maxReplicas: must be >= 0"]),
        ["Exists toleration with value"] = (s => Subset(0, s).Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = "Exists", Value = "web" }],
            ["spec.subsets[0].tolerations[0].value: must be empty when operator is Exists"]),
        ["tolerationSeconds without NoExecute"] = (s => Subset(0, s).Tolerations = [new V1Toleration { Key = "spot", OperatorProperty = "Exists", Effect = "NoSchedule", TolerationSeconds = 60 }],
            ["spec.subsets[0].tolerations[0].effect: must be NoExecute when tolerationSeconds is set"]),
        ["unknown node operator"] = (s => Subset(0, s).RequiredNodeSelectorTerm!.MatchExpressions[0].OperatorProperty = "Equals",
            ["spec.subsets[0].requiredNodeSelectorTerm.matchExpressions[0].operator: unsupported value \"Equals\": must be one of In, NotIn, Exists, DoesNotExist, Gt, Lt"]),
        ["preferred weight 0"] = (s => Subset(1, s).PreferredNodeSelectorTerms = [new V1PreferredSchedulingTerm { Weight = 0, Preference = new V1NodeSelectorTerm() }],
            ["spec.subsets[1].preferredNodeSelectorTerms[0].weight: must be in the range 1-100"]),
        ["patch not an object"] = (s => Subset(0, s).Patch = RawExtension.Parse("\"zone=a\""), ["spec.subsets[0].patch: must be a JSON object"]),
        ["unknown strategy"] = (s => s.Spec.ScheduleStrategy = new() { Type = "Dynamic" },
            ["spec.scheduleStrategy.type: unsupported value \"Dynamic\": must be one of Fixed, Adaptive"]),
        ["adaptive options with Fixed"] = (s => s.Spec.ScheduleStrategy = new() { Type = "Fixed", Adaptive = new() },
            ["spec.scheduleStrategy.type: must be Adaptive when scheduleStrategy.adaptive is set"]),
        ["adaptive with a capped last subset"] = (s =>
            {
                s.Spec.ScheduleStrategy = new() { Type = "Adaptive", Adaptive = new() };
                Subset(1, s).MaxReplicas = 2;
            },
            ["spec.scheduleStrategy.adaptive: the last subset must leave maxReplicas unset with the Adaptive strategy"]),
        ["reschedule too slow for three subsets"] = (s =>
            {
                s.Spec.Subsets!.Insert(1, new WorkloadSpreadSubset { Name = "zone-c", MaxReplicas = 2 });
                s.Spec.ScheduleStrategy = new() { Type = "Adaptive", Adaptive = new() { RescheduleCriticalSeconds = 200 } };
            },
            ["spec.scheduleStrategy.adaptive.rescheduleCriticalSeconds: must be in the range 0-147"]),
        ["bad filter selector"] = (s => s.Spec.TargetFilter = new()
            {
                Selector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "role", OperatorProperty = "Equals", Values = ["worker"] }] },
            },
            ["spec.targetFilter.selector.matchExpressions[0].operator: unsupported value \"Equals\": must be one of In, NotIn, Exists, DoesNotExist"]),
    };

    public static TheoryData<string> InvalidCases => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Rejects(string name)
    {
        var (breakIt, expected) = Invalid[name];
        var spread = Valid();
        breakIt(spread);
        Assert.Equal(expected, KindTestKit.Lines(WorkloadSpreadValidation.Validate(spread)));
    }

    [Fact]
    public void Updates_may_not_retarget()
    {
        var before = Valid();
        var newVersion = Valid();
        newVersion.Spec.TargetRef!.ApiVersion = "apps/v2";
        Assert.Empty(WorkloadSpreadValidation.ValidateUpdate(before, newVersion));
        var renamed = Valid();
        renamed.Spec.TargetRef!.Name = "api";
        Assert.Equal(["spec.targetRef: may not be changed"], KindTestKit.Lines(WorkloadSpreadValidation.ValidateUpdate(before, renamed)));
    }
}
