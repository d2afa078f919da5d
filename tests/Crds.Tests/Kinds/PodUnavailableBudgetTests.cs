using k8s.Models;
using Kruise.Actors.Crds.Policy;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class PodUnavailableBudgetTests
{
    private static PodUnavailableBudget BySelector() => new()
    {
        ApiVersion = "policy.kruise.io/v1alpha1",
        Kind = "PodUnavailableBudget",
        Metadata = new V1ObjectMeta { Name = "web-pub", NamespaceProperty = "web" },
        Spec = new PodUnavailableBudgetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            MaxUnavailable = "25%",
        },
    };

    private static PodUnavailableBudget ByTarget() => new()
    {
        ApiVersion = "policy.kruise.io/v1alpha1",
        Kind = "PodUnavailableBudget",
        Metadata = new V1ObjectMeta
        {
            Name = "web-pub",
            NamespaceProperty = "web",
            Annotations = new Dictionary<string, string> { [PubAnnotations.ProtectOperations] = "DELETE, EVICT", [PubAnnotations.ProtectTotalReplicas] = "10" },
        },
        Spec = new PodUnavailableBudgetSpec
        {
            TargetRef = new PodUnavailableBudgetTargetReference { ApiVersion = "apps.kruise.io/v1alpha1", Kind = "CloneSet", Name = "web" },
            MinAvailable = 3,
        },
    };

    [Fact]
    public void Valid_budgets_have_no_errors()
    {
        Assert.Empty(PodUnavailableBudgetValidation.Validate(BySelector()));
        Assert.Empty(PodUnavailableBudgetValidation.Validate(ByTarget()));
    }

    [Fact]
    public void Defaults_change_nothing()
    {
        var input = BySelector();
        var budget = PodUnavailableBudgetDefaults.Apply(input);
        Assert.NotSame(input, budget);
        Assert.Equal(k8s.KubernetesJson.Serialize(input), k8s.KubernetesJson.Serialize(budget));
    }

    public static TheoryData<string, Action<PodUnavailableBudget>, string[]> Invalid => new()
    {
        { "neither selector nor targetRef", b => b.Spec.Selector = null, ["spec.selector: one of selector and targetRef is required"] },
        { "both selector and targetRef", b => b.Spec.TargetRef = ByTarget().Spec.TargetRef, ["spec.targetRef: selector and targetRef are mutually exclusive"] },
        { "empty selector", b => b.Spec.Selector = new V1LabelSelector(), ["spec.selector: empty selector is invalid"] },
        {
            "selector without values",
            b => b.Spec.Selector!.MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In" }],
            ["spec.selector.matchExpressions[0].values: must be specified when operator is In or NotIn"]
        },
        {
            "incomplete targetRef",
            b => { b.Spec.Selector = null; b.Spec.TargetRef = new PodUnavailableBudgetTargetReference { Kind = "CloneSet" }; },
            ["spec.targetRef.apiVersion: is required", "spec.targetRef.name: is required"]
        },
        {
            "malformed targetRef apiVersion",
            b => { b.Spec.Selector = null; b.Spec.TargetRef = new PodUnavailableBudgetTargetReference { ApiVersion = "apps/v1/beta", Kind = "Deployment", Name = "web" }; },
            ["spec.targetRef.apiVersion: invalid value \"apps/v1/beta\": must be <version> or <group>/<version>"]
        },
        { "neither max nor min", b => b.Spec.MaxUnavailable = null, ["spec.maxUnavailable: one of maxUnavailable and minAvailable is required"] },
        { "both max and min", b => b.Spec.MinAvailable = 2, ["spec.minAvailable: maxUnavailable and minAvailable are mutually exclusive"] },
        { "percent over 100", b => b.Spec.MaxUnavailable = "150%", ["spec.maxUnavailable: must not be greater than 100%"] },
        { "negative min", b => { b.Spec.MaxUnavailable = null; b.Spec.MinAvailable = -1; }, ["spec.minAvailable: must be >= 0"] },
        {
            "word max",
            b => b.Spec.MaxUnavailable = "half",
            ["spec.maxUnavailable: invalid value \"half\": must be an integer or a percentage such as \"20%\""]
        },
        {
            "unknown protected operation",
            b => b.Metadata.Annotations = new Dictionary<string, string> { [PubAnnotations.ProtectOperations] = "DELETE,PATCH" },
            ["metadata.annotations[kruise.io/pub-protect-operations]: unsupported value \"PATCH\": must be one of DELETE, UPDATE, EVICT, RESIZE"]
        },
        {
            "non-numeric total replicas",
            b => b.Metadata.Annotations = new Dictionary<string, string> { [PubAnnotations.ProtectTotalReplicas] = "ten" },
            ["metadata.annotations[pub.kruise.io/protect-total-replicas]: invalid value \"ten\": must be a 32-bit integer"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_invalid_budgets(string name, Action<PodUnavailableBudget> breakIt, string[] expected)
    {
        var budget = BySelector();
        breakIt(budget);
        var errors = PodUnavailableBudgetValidation.Validate(budget).Select(e => e.ToString()).ToList();
        Assert.True(expected.SequenceEqual(errors), $"{name}: {string.Join(" | ", errors)}");
    }

    [Fact]
    public void Update_may_change_the_budget_but_not_which_pods_it_covers()
    {
        var looser = BySelector();
        looser.Spec.MaxUnavailable = 2;
        Assert.Empty(PodUnavailableBudgetValidation.ValidateUpdate(BySelector(), looser));

        var otherPods = BySelector();
        otherPods.Spec.Selector!.MatchLabels!["app"] = "api";
        Assert.Equal(["spec.selector: field is immutable"], PodUnavailableBudgetValidation.ValidateUpdate(BySelector(), otherPods).Select(e => e.ToString()));

        var otherTarget = ByTarget();
        otherTarget.Spec.TargetRef!.Name = "api";
        Assert.Equal(["spec.targetRef: field is immutable"], PodUnavailableBudgetValidation.ValidateUpdate(ByTarget(), otherTarget).Select(e => e.ToString()));
    }
}
