using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Schema;
using static Kruise.Actors.Crds.Tests.Kinds.KindTestKit;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class DaemonSetTests
{
    private const string Sample = """
        apiVersion: apps.kruise.io/v1alpha1
        kind: DaemonSet
        metadata:
          name: node-agent
          namespace: kube-system
        spec:
          selector:
            matchLabels:
              app: node-agent
          template:
            metadata:
              labels:
                app: node-agent
            spec:
              containers:
              - name: agent
                image: example.com/node-agent:2.1
        """;

    private static DaemonSet Valid() => FromYaml<DaemonSet>(Sample);

    private static RollingUpdateDaemonSet Rolling(DaemonSet d) =>
        (d.Spec.UpdateStrategy ??= new()).RollingUpdate ??= new();

    [Fact]
    public void The_sample_is_valid_before_and_after_defaulting()
    {
        Assert.Empty(DaemonSetValidation.Validate(Valid()));
        Assert.Empty(DaemonSetValidation.Validate(DaemonSetDefaults.Apply(Valid())));
    }

    public static TheoryData<string, string?> Defaults => new()
    {
        { "spec.burstReplicas", "250" },
        { "spec.revisionHistoryLimit", "10" },
        { "spec.minReadySeconds", null },
        { "spec.updateStrategy.type", "RollingUpdate" },
        { "spec.updateStrategy.rollingUpdate.rollingUpdateType", "Standard" },
        { "spec.updateStrategy.rollingUpdate.maxUnavailable", "1" },
        { "spec.updateStrategy.rollingUpdate.maxSurge", "0" },
        { "spec.updateStrategy.rollingUpdate.partition", null },
        { "spec.template.spec.restartPolicy", "Always" },
        { "spec.template.spec.containers[0].terminationMessagePolicy", "File" },
    };

    [Theory, MemberData(nameof(Defaults))]
    public void Defaulting_fills_what_OpenKruise_fills(string path, string? expected) =>
        Assert.Equal(expected, At(DaemonSetDefaults.Apply(Valid()), path));

    public static TheoryData<string, string, string, string> RollingDefaults => new()
    {
        // rollingUpdateType, maxUnavailable, maxSurge as written -> defaulted "type/maxUnavailable/maxSurge"
        { "Surging", "", "", "Standard/0/1" },
        { "Surging", "", "2", "Standard/0/2" },
        { "InPlaceIfPossible", "", "", "InPlaceIfPossible/1/0" },
        { "", "", "25%", "Standard/null/25%" },
        { "", "3", "", "Standard/3/null" },
    };

    [Theory, MemberData(nameof(RollingDefaults))]
    public void Rolling_update_defaults_follow_what_the_user_chose(string type, string maxUnavailable, string maxSurge, string expected)
    {
        var input = Valid();
        var rolling = Rolling(input);
        rolling.RollingUpdateType = type.Length > 0 ? type : null;
        rolling.MaxUnavailable = maxUnavailable.Length > 0 ? maxUnavailable : null;
        rolling.MaxSurge = maxSurge.Length > 0 ? maxSurge : null;
        var defaulted = DaemonSetDefaults.Apply(input);
        const string at = "spec.updateStrategy.rollingUpdate";
        Assert.Equal(expected, $"{At(defaulted, $"{at}.rollingUpdateType")}/{At(defaulted, $"{at}.maxUnavailable") ?? "null"}/{At(defaulted, $"{at}.maxSurge") ?? "null"}");
        Assert.Null(input.Spec.BurstReplicas);
    }

    [Fact]
    public void OnDelete_gets_no_rolling_update_parameters()
    {
        var input = Valid();
        input.Spec.UpdateStrategy = new() { Type = "OnDelete" };
        Assert.Null(At(DaemonSetDefaults.Apply(input), "spec.updateStrategy.rollingUpdate"));
    }

    private static readonly Dictionary<string, Action<DaemonSet>> BadInputs = new()
    {
        ["no selector"] = d => d.Spec.Selector = null,
        ["selector misses the template"] = d => d.Spec.Selector!.MatchLabels["app"] = "other",
        ["run-once pods"] = d => d.Spec.Template!.Spec.RestartPolicy = "Never",
        ["pod deadline"] = d => d.Spec.Template!.Spec.ActiveDeadlineSeconds = 60,
        ["negative minReadySeconds"] = d => d.Spec.MinReadySeconds = -5,
        ["negative history"] = d => d.Spec.RevisionHistoryLimit = -1,
        ["burst not a number"] = d => d.Spec.BurstReplicas = "lots",
        ["in-place hook"] = d => d.Spec.Lifecycle = new() { InPlaceUpdate = new() { LabelsHandler = new Dictionary<string, string> { ["ready"] = "false" } } },
        ["misspelt type"] = d => d.Spec.UpdateStrategy = new() { Type = "Rolling" },
        ["rolling parameters with OnDelete"] = d => d.Spec.UpdateStrategy = new() { Type = "OnDelete", RollingUpdate = new() { MaxUnavailable = 2 } },
        ["misspelt rolling type"] = d => Rolling(d).RollingUpdateType = "InPlace",
        ["surge and unavailable"] = d => { Rolling(d).MaxUnavailable = 1; Rolling(d).MaxSurge = 1; },
        ["neither surge nor unavailable"] = d => { Rolling(d).MaxUnavailable = 0; Rolling(d).MaxSurge = "0%"; },
        ["only surge set to zero"] = d => Rolling(d).MaxSurge = 0,
        ["surge in place"] = d => { Rolling(d).RollingUpdateType = "InPlaceIfPossible"; Rolling(d).MaxUnavailable = 0; Rolling(d).MaxSurge = 1; },
        ["negative maxUnavailable"] = d => Rolling(d).MaxUnavailable = -1,
        ["partition over 100%"] = d => Rolling(d).Partition = "150%",
        ["bad node selector"] = d => Rolling(d).Selector = new() { MatchExpressions = [new() { Key = "zone", OperatorProperty = "Equals", Values = ["a"] }] },
    };

    public static TheoryData<string, string[]> Rejections => new()
    {
        { "no selector", ["spec.selector: is required"] },
        { "selector misses the template", ["spec.selector: does not match template labels"] },
        { "run-once pods", ["spec.template.spec.restartPolicy: unsupported value \"Never\": must be one of Always"] },
        { "pod deadline", ["spec.template.spec.activeDeadlineSeconds: must not be set for pods a workload keeps running"] },
        { "negative minReadySeconds", ["spec.minReadySeconds: must be >= 0"] },
        { "negative history", ["spec.revisionHistoryLimit: must be >= 0"] },
        { "burst not a number", ["spec.burstReplicas: invalid value \"lots\": must be an integer or a percentage such as \"20%\""] },
        { "in-place hook", ["spec.lifecycle.inPlaceUpdate: is not supported for DaemonSet"] },
        { "misspelt type", ["spec.updateStrategy.type: unsupported value \"Rolling\": must be one of RollingUpdate, OnDelete"] },
        { "rolling parameters with OnDelete", ["spec.updateStrategy.rollingUpdate: may only be set when type is RollingUpdate"] },
        { "misspelt rolling type", ["spec.updateStrategy.rollingUpdate.rollingUpdateType: unsupported value \"InPlace\": must be one of Standard, InPlaceIfPossible, Surging"] },
        { "surge and unavailable", ["spec.updateStrategy.rollingUpdate.maxSurge: may not be set when maxUnavailable is non-zero"] },
        { "neither surge nor unavailable", ["spec.updateStrategy.rollingUpdate.maxUnavailable: may not be 0 when maxSurge is 0"] },
        { "only surge set to zero", ["spec.updateStrategy.rollingUpdate.maxUnavailable: may not be 0 when maxSurge is 0"] },
        { "surge in place", ["spec.updateStrategy.rollingUpdate.maxSurge: must be 0 with InPlaceIfPossible"] },
        { "negative maxUnavailable", ["spec.updateStrategy.rollingUpdate.maxUnavailable: must be >= 0"] },
        { "partition over 100%", ["spec.updateStrategy.rollingUpdate.partition: must not be greater than 100%"] },
        {
            "bad node selector",
            ["spec.updateStrategy.rollingUpdate.selector.matchExpressions[0].operator: unsupported value \"Equals\": must be one of In, NotIn, Exists, DoesNotExist"]
        },
    };

    [Theory, MemberData(nameof(Rejections))]
    public void Validation_rejects_what_the_webhook_rejects(string input, string[] expected)
    {
        var daemonSet = Valid();
        BadInputs[input](daemonSet);
        Assert.Equal(expected, Lines(DaemonSetValidation.Validate(DaemonSetDefaults.Apply(daemonSet))));
    }

    [Fact]
    public void A_surge_rollout_limited_to_canary_nodes_is_valid()
    {
        var daemonSet = Valid();
        Rolling(daemonSet).MaxSurge = "10%";
        Rolling(daemonSet).Partition = 2;
        Rolling(daemonSet).Selector = new() { MatchLabels = new Dictionary<string, string> { ["pool"] = "canary" } };
        daemonSet.Spec.Lifecycle = new() { PreDelete = new() { FinalizersHandler = ["example.com/drain"] } };
        Assert.Empty(DaemonSetValidation.Validate(DaemonSetDefaults.Apply(daemonSet)));
    }

    public static TheoryData<string, string[]> Updates => new()
    {
        { "image", [] },
        { "strategy", [] },
        { "selector", ["spec.selector: field is immutable"] },
    };

    [Theory, MemberData(nameof(Updates))]
    public void Only_the_selector_is_fixed_after_creation(string edit, string[] expected)
    {
        var old = DaemonSetDefaults.Apply(Valid());
        var updated = DaemonSetDefaults.Apply(old);
        switch (edit)
        {
            case "image":
                updated.Spec.Template!.Spec.Containers[0].Image = "example.com/node-agent:2.2";
                break;
            case "strategy":
                Rolling(updated).Partition = "50%";
                updated.Spec.BurstReplicas = 10;
                break;
            default:
                updated.Spec.Selector!.MatchLabels["app"] = "agent";
                updated.Spec.Template!.Metadata.Labels["app"] = "agent";
                break;
        }
        Assert.Equal(expected, Lines(DaemonSetValidation.ValidateUpdate(old, updated)));
    }

    [Fact]
    public void Crd_matches_OpenKruise_names_columns_and_has_no_scale()
    {
        var crd = CrdGenerator.Generate(KruiseKinds.All.Single(k => k.Type == typeof(DaemonSet)));
        Assert.Equal("daemonsets.apps.kruise.io", crd.Metadata.Name);
        Assert.Equal(["daemon", "ads"], crd.Spec.Names.ShortNames);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal("v1alpha1", version.Name);
        Assert.Equal(["DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS:1", "IMAGES:1"],
            version.AdditionalPrinterColumns.Select(c => c.Priority is { } p ? $"{c.Name}:{p}" : c.Name));
        Assert.Null(version.Subresources.Scale);
    }
}
