using k8s;
using Kruise.Actors.Crds.Apps;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class CloneSetTests
{
    private const string Valid = """
        apiVersion: apps.kruise.io/v1alpha1
        kind: CloneSet
        metadata: {name: web, namespace: demo}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: nginx, image: "nginx:1.25"}
        """;

    private static CloneSet Parse(string yaml) => KubernetesYaml.Deserialize<CloneSet>(yaml);

    private static CloneSet With(Action<CloneSet> change)
    {
        var cloneSet = Parse(Valid);
        change(cloneSet);
        return cloneSet;
    }

    [Fact]
    public void Defaults_fill_what_OpenKruise_fills()
    {
        var defaulted = CloneSetDefaults.Apply(Parse("""
            apiVersion: apps.kruise.io/v1alpha1
            kind: CloneSet
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: nginx, image: nginx}]}
            """));
        var spec = defaulted.Spec;
        Assert.Equal(1, spec.Replicas);
        Assert.Equal(10, spec.RevisionHistoryLimit);
        Assert.Equal("ReCreate", spec.UpdateStrategy!.Type);
        Assert.Equal("20%", spec.UpdateStrategy.MaxUnavailable!.Value);
        Assert.Equal("0", spec.UpdateStrategy.MaxSurge!.Value);
        Assert.Equal("0", spec.UpdateStrategy.Partition!.Value);
        var pod = spec.Template!.Spec;
        Assert.Equal("Always", pod.RestartPolicy);
        Assert.Equal("ClusterFirst", pod.DnsPolicy);
        Assert.Equal(30, pod.TerminationGracePeriodSeconds);
        Assert.Equal("Always", pod.Containers[0].ImagePullPolicy); // untagged image
    }

    [Fact]
    public void Defaults_keep_what_the_user_set_and_do_not_touch_the_input()
    {
        var input = With(c => c.Spec.UpdateStrategy = new CloneSetUpdateStrategy { Type = "InPlaceIfPossible", MaxUnavailable = 2 });
        var before = KubernetesJson.Serialize(input);
        var defaulted = CloneSetDefaults.Apply(input);
        Assert.Equal(3, defaulted.Spec.Replicas);
        Assert.Equal("InPlaceIfPossible", defaulted.Spec.UpdateStrategy!.Type);
        Assert.Equal("2", defaulted.Spec.UpdateStrategy.MaxUnavailable!.Value);
        Assert.Equal("IfNotPresent", defaulted.Spec.Template!.Spec.Containers[0].ImagePullPolicy);
        Assert.Equal(before, KubernetesJson.Serialize(input));
    }

    [Fact]
    public void Defaults_are_idempotent()
    {
        var once = CloneSetDefaults.Apply(Parse(Valid));
        Assert.Equal(KubernetesJson.Serialize(once), KubernetesJson.Serialize(CloneSetDefaults.Apply(once)));
    }

    [Fact]
    public void A_valid_cloneset_and_its_defaulted_form_have_no_errors()
    {
        Assert.Empty(CloneSetValidation.Validate(Parse(Valid)));
        Assert.Empty(CloneSetValidation.Validate(CloneSetDefaults.Apply(Parse(Valid))));
    }

    public static TheoryData<string, string> BadSpecs => new()
    {
        { "spec: {replicas: -1}", "spec.replicas: must be >= 0" },
        { "spec: {selector: {matchLabels: {app: other}}}", "spec.selector: does not match template labels" },
        { "spec: {selector: {matchLabels: null}}", "spec.selector: empty selector is invalid" },
        { "spec: {selector: {matchExpressions: [{key: app, operator: Near, values: [web]}]}}", "spec.selector.matchExpressions[0].operator: unsupported value \"Near\": must be one of In, NotIn, Exists, DoesNotExist" },
        { "spec: {updateStrategy: {maxUnavailable: abc%}}", "spec.updateStrategy.maxUnavailable: invalid value \"abc%\": must be an integer or a percentage such as \"20%\"" },
        { "spec: {updateStrategy: {partition: 120%}}", "spec.updateStrategy.partition: must not be greater than 100%" },
        { "spec: {updateStrategy: {type: InPlaceOnly, maxSurge: 1}}", "spec.updateStrategy.maxSurge: must be 0 with InPlaceOnly" },
        { "spec: {updateStrategy: {type: Rolling}}", "spec.updateStrategy.type: unsupported value \"Rolling\": must be one of ReCreate, InPlaceIfPossible, InPlaceOnly" },
        { "spec: {updateStrategy: {maxSurge: 0, maxUnavailable: 0}}", "spec.updateStrategy.maxUnavailable: may not be 0 when maxSurge is 0" },
        { "spec: {updateStrategy: {priorityStrategy: {weightPriority: [{weight: 101, matchSelector: {matchLabels: {a: b}}}]}}}", "spec.updateStrategy.priorityStrategy.weightPriority[0].weight: must be in the range 1-100" },
        { "spec: {updateStrategy: {priorityStrategy: {orderPriority: [{orderedKey: k}], weightPriority: [{weight: 1, matchSelector: {matchLabels: {a: b}}}]}}}", "spec.updateStrategy.priorityStrategy: only one of weightPriority and orderPriority can be used" },
        { "spec: {updateStrategy: {scatterStrategy: [{key: zone, value: a}, {key: zone, value: a}]}}", "spec.updateStrategy.scatterStrategy[1]: duplicate term zone=a" },
        { "spec: {updateStrategy: {inPlaceUpdateStrategy: {gracePeriodSeconds: -5}}}", "spec.updateStrategy.inPlaceUpdateStrategy.gracePeriodSeconds: must be >= 0" },
        { "spec: {scaleStrategy: {maxUnavailable: -1}}", "spec.scaleStrategy.maxUnavailable: must be >= 0" },
        { "spec: {scaleStrategy: {podsToDelete: [Web_1]}}", "spec.scaleStrategy.podsToDelete[0]: invalid value \"Web_1\": must be a pod name" },
        { "spec: {minReadySeconds: -1}", "spec.minReadySeconds: must be >= 0" },
        { "spec: {revisionHistoryLimit: -2}", "spec.revisionHistoryLimit: must be >= 0" },
        { "spec: {template: {spec: {containers: []}}}", "spec.template.spec.containers: must have at least one container" },
        { "spec: {template: {spec: {restartPolicy: Never}}}", "spec.template.spec.restartPolicy: unsupported value \"Never\": must be one of Always" },
        { "spec: {template: {spec: {containers: [{name: a, image: x}, {name: a, image: y}]}}}", "spec.template.spec.containers[1].name: duplicate value \"a\"" },
        { "spec: {template: {spec: {containers: [{name: app}]}}}", "spec.template.spec.containers[0].image: is required" },
        { "metadata: {name: Web}", "metadata.name: invalid value \"Web\": must be a lowercase RFC 1123 subdomain" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void Bad_input_is_rejected_naming_the_field(string patch, string expected)
    {
        var cloneSet = Merge(Valid, patch);
        var errors = CloneSetValidation.Validate(cloneSet).Select(e => e.ToString()).ToList();
        Assert.Contains(expected, errors);
    }

    [Fact]
    public void Missing_selector_and_template_are_required()
    {
        var errors = CloneSetValidation.Validate(Parse("""
            apiVersion: apps.kruise.io/v1alpha1
            kind: CloneSet
            metadata: {name: web}
            spec: {replicas: 1}
            """)).Select(e => e.ToString()).ToList();
        Assert.Equal(["spec.selector: is required", "spec.template: is required"], errors);
    }

    [Fact]
    public void Selector_is_immutable_on_update()
    {
        var old = Parse(Valid);
        var changed = Merge(Valid, "spec: {selector: {matchLabels: {app: web, tier: x}}, template: {metadata: {labels: {app: web, tier: x}}}}");
        Assert.Equal(["spec.selector: field is immutable"], CloneSetValidation.ValidateUpdate(old, changed).Select(e => e.ToString()));
        Assert.Empty(CloneSetValidation.ValidateUpdate(old, Merge(Valid, "spec: {replicas: 9}")));
    }

    // A JSON merge patch of YAML onto YAML, so each case states only what it changes.
    private static CloneSet Merge(string baseYaml, string patchYaml)
    {
        var target = System.Text.Json.Nodes.JsonNode.Parse(KubernetesJson.Serialize(Parse(baseYaml)))!;
        var patch = System.Text.Json.Nodes.JsonNode.Parse(KubernetesJson.Serialize(KubernetesYaml.Deserialize<object>(patchYaml)))!;
        return KubernetesJson.Deserialize<CloneSet>(MergePatch.Apply(target, patch)!.ToJsonString());
    }
}
