using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class ImagePullJobTests
{
    private const string Digest = "sha256:6db391d1c0cfb30588ba0bf72ea999404f2764febf0f1f196acd5867ac7efa7e";

    private static ImagePullJob Valid() => new()
    {
        ApiVersion = "apps.kruise.io/v1alpha1",
        Kind = "ImagePullJob",
        Metadata = new V1ObjectMeta { Name = "prefetch-nginx", NamespaceProperty = "web" },
        Spec = new ImagePullJobSpec
        {
            Image = "nginx:1.25.3",
            PullSecrets = ["regcred"],
            Selector = new ImagePullJobNodeSelector { MatchLabels = new Dictionary<string, string> { ["pool"] = "web" } },
            Parallelism = 2,
            CompletionPolicy = new CompletionPolicy { Type = CompletionPolicyTypes.Always, ActiveDeadlineSeconds = 1200, TtlSecondsAfterFinished = 300 },
        },
    };

    [Fact]
    public void A_valid_job_has_no_errors()
    {
        Assert.Empty(ImagePullJobValidation.Validate(Valid()));
        Assert.Empty(ImagePullJobValidation.Validate(ImagePullJobDefaults.Apply(Valid())));
    }

    [Fact]
    public void Defaults_fill_completion_and_pull_policies_and_leave_parallelism_unset()
    {
        var input = Valid();
        input.Spec.CompletionPolicy = null;
        var job = ImagePullJobDefaults.Apply(input);

        Assert.Equal(CompletionPolicyTypes.Always, job.Spec.CompletionPolicy!.Type);
        Assert.Null(job.Spec.CompletionPolicy.ActiveDeadlineSeconds);
        Assert.Equal(600, job.Spec.PullPolicy!.TimeoutSeconds);
        Assert.Equal(3, job.Spec.PullPolicy.BackoffLimit);
        Assert.Equal(ImagePullPolicies.IfNotPresent, job.Spec.ImagePullPolicy);
        Assert.Equal("2", job.Spec.Parallelism!.Value);
        Assert.Null(input.Spec.CompletionPolicy);
        Assert.Null(input.Spec.PullPolicy);
    }

    [Fact]
    public void Defaults_keep_explicit_values()
    {
        var input = Valid();
        input.Spec.CompletionPolicy = new CompletionPolicy { Type = CompletionPolicyTypes.Never };
        input.Spec.PullPolicy = new PullPolicy { TimeoutSeconds = 60, BackoffLimit = 0 };
        input.Spec.ImagePullPolicy = ImagePullPolicies.Always;
        var job = ImagePullJobDefaults.Apply(input);

        Assert.Equal(CompletionPolicyTypes.Never, job.Spec.CompletionPolicy!.Type);
        Assert.Equal(60, job.Spec.PullPolicy!.TimeoutSeconds);
        Assert.Equal(0, job.Spec.PullPolicy.BackoffLimit);
        Assert.Equal(ImagePullPolicies.Always, job.Spec.ImagePullPolicy);
    }

    public static TheoryData<string, Action<ImagePullJobSpec>, string[]> InvalidSpecs => new()
    {
        { "no image", s => s.Image = null, ["spec.image: is required"] },
        { "uppercase repository", s => s.Image = "Nginx:1.25", ["spec.image: invalid value \"Nginx:1.25\": repository name must be lowercase"] },
        { "double colon", s => s.Image = "nginx::1.25", ["spec.image: invalid value \"nginx::1.25\": invalid reference format"] },
        { "image id", s => s.Image = Digest[7..], [$"spec.image: invalid value \"{Digest[7..]}\": must be a repository name, not a 64-character hexadecimal image ID"] },
        {
            "names with labels",
            s => s.Selector!.Names = ["node-a"],
            ["spec.selector.names: names and a label selector (matchLabels, matchExpressions) are mutually exclusive"]
        },
        {
            "duplicate node names",
            s => s.Selector = new ImagePullJobNodeSelector { Names = ["node-a", "node-b", "node-a"] },
            ["spec.selector.names[2]: duplicate value \"node-a\""]
        },
        {
            "selector and podSelector",
            s => s.PodSelector = new ImagePullJobPodSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            ["spec.podSelector: selector and podSelector are mutually exclusive"]
        },
        {
            "bad pod selector operator",
            s =>
            {
                s.Selector = null;
                s.PodSelector = new ImagePullJobPodSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "app", OperatorProperty = "Equals", Values = ["web"] }] };
            },
            ["spec.podSelector.matchExpressions[0].operator: unsupported value \"Equals\": must be one of In, NotIn, Exists, DoesNotExist"]
        },
        { "percent parallelism", s => s.Parallelism = "50%", ["spec.parallelism: invalid value \"50%\": must be an integer, not a percentage"] },
        { "word parallelism", s => s.Parallelism = "many", ["spec.parallelism: invalid value \"many\": must be an integer"] },
        { "negative parallelism", s => s.Parallelism = -1, ["spec.parallelism: must be >= 0"] },
        {
            "deadline below default pull timeout",
            s => s.CompletionPolicy!.ActiveDeadlineSeconds = 300,
            ["spec.completionPolicy.activeDeadlineSeconds: must be >= pullPolicy.timeoutSeconds (600)"]
        },
        {
            "deadline below explicit pull timeout",
            s =>
            {
                s.PullPolicy = new PullPolicy { TimeoutSeconds = 60 };
                s.CompletionPolicy!.ActiveDeadlineSeconds = 30;
            },
            ["spec.completionPolicy.activeDeadlineSeconds: must be >= pullPolicy.timeoutSeconds (60)"]
        },
        {
            "seconds with Never",
            s => s.CompletionPolicy!.Type = CompletionPolicyTypes.Never,
            [
                "spec.completionPolicy.activeDeadlineSeconds: may only be set when type is Always",
                "spec.completionPolicy.ttlSecondsAfterFinished: may only be set when type is Always",
            ]
        },
        {
            "unknown completion type",
            s => s.CompletionPolicy!.Type = "Sometimes",
            ["spec.completionPolicy.type: unsupported value \"Sometimes\": must be one of Always, Never"]
        },
        {
            "negative pull limits",
            s => s.PullPolicy = new PullPolicy { TimeoutSeconds = -1, BackoffLimit = -2 },
            ["spec.pullPolicy.timeoutSeconds: must be >= 0", "spec.pullPolicy.backoffLimit: must be >= 0"]
        },
        { "unknown pull policy", s => s.ImagePullPolicy = "Never", ["spec.imagePullPolicy: unsupported value \"Never\": must be one of Always, IfNotPresent"] },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void Rejects_invalid_specs(string name, Action<ImagePullJobSpec> breakSpec, string[] expected)
    {
        var job = Valid();
        breakSpec(job.Spec);
        Assert.True(expected.SequenceEqual(ImagePullJobValidation.Validate(job).Select(e => e.ToString())),
            $"{name}: {string.Join(" | ", ImagePullJobValidation.Validate(job))}");
    }

    [Fact]
    public void Update_may_change_the_image_but_not_the_pull_secrets()
    {
        var changedImage = Valid();
        changedImage.Spec.Image = "nginx:1.26.0";
        Assert.Empty(ImagePullJobValidation.ValidateUpdate(Valid(), changedImage));

        var changedSecrets = Valid();
        changedSecrets.Spec.PullSecrets = ["other"];
        Assert.Equal(["spec.pullSecrets: field is immutable"], ImagePullJobValidation.ValidateUpdate(Valid(), changedSecrets).Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", null, null)]
    [InlineData("nginx:1.25.3", "docker.io", "library/nginx", "1.25.3", null)]
    [InlineData("bitnami/redis:7.2", "docker.io", "bitnami/redis", "7.2", null)]
    [InlineData("registry.example.com:5000/team/app:v1", "registry.example.com:5000", "team/app", "v1", null)]
    [InlineData("localhost/app", "localhost", "app", null, null)]
    [InlineData("ghcr.io/org/app@" + Digest, "ghcr.io", "org/app", null, Digest)]
    [InlineData("nginx:1.25@" + Digest, "docker.io", "library/nginx", "1.25", Digest)]
    public void Image_references_parse_and_normalize(string text, string domain, string path, string? tag, string? digest)
    {
        Assert.True(ImageReferences.TryParse(text, out var reference, out var error), error);
        Assert.Equal(new ImageReference(domain, path, tag, digest), reference);
    }
}
