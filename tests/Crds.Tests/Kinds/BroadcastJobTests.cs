using k8s;
using Kruise.Actors.Crds.Apps;

namespace Kruise.Actors.Crds.Tests.Kinds;

public class BroadcastJobTests
{
    private const string ValidYaml = """
        apiVersion: apps.kruise.io/v1alpha1
        kind: BroadcastJob
        metadata:
          name: warm-cache
          namespace: default
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: warm
                image: busybox:1.36
                command: ["sh", "-c", "echo warm"]
        """;

    private static BroadcastJob Valid() => KubernetesYaml.Deserialize<BroadcastJob>(ValidYaml);

    [Fact]
    public void Valid_job_and_its_defaulted_form_have_no_errors()
    {
        Assert.Empty(BroadcastJobValidation.Validate(Valid()));
        Assert.Empty(BroadcastJobValidation.Validate(BroadcastJobDefaults.Apply(Valid())));
        Assert.Empty(BroadcastJobValidation.Validate(KubernetesYaml.Deserialize<BroadcastJob>(Samples.Yaml(Samples.Kind("BroadcastJob")))));
    }

    [Fact]
    public void Defaults_are_idempotent()
    {
        var once = BroadcastJobDefaults.Apply(Valid());
        Assert.Equal(KubernetesJson.Serialize(once), KubernetesJson.Serialize(BroadcastJobDefaults.Apply(once)));
    }

    [Theory]
    [InlineData("spec.completionPolicy.type", "Always")]
    [InlineData("spec.parallelism", "2147483647")]
    [InlineData("spec.failurePolicy.type", "FailFast")]
    [InlineData("spec.failurePolicy.restartLimit", null)]
    [InlineData("spec.paused", null)]
    [InlineData("spec.template.spec.restartPolicy", "Never")]
    [InlineData("spec.template.spec.dnsPolicy", "ClusterFirst")]
    [InlineData("spec.template.spec.containers[0].imagePullPolicy", "IfNotPresent")]
    public void Defaults(string path, string? expected)
    {
        var input = Valid();
        var before = KindTestKit.At(input, "spec");
        Assert.Equal(expected, KindTestKit.At(BroadcastJobDefaults.Apply(input), path));
        Assert.Equal(before, KindTestKit.At(input, "spec"));
    }

    [Fact]
    public void Defaults_keep_what_the_user_set()
    {
        var job = Valid();
        job.Spec.CompletionPolicy = new CompletionPolicy { Type = CompletionPolicyTypes.Never };
        job.Spec.FailurePolicy = new FailurePolicy { Type = FailurePolicyTypes.Pause, RestartLimit = 2 };
        job.Spec.Parallelism = "50%";
        var defaulted = BroadcastJobDefaults.Apply(job);
        Assert.Equal("Never", KindTestKit.At(defaulted, "spec.completionPolicy.type"));
        Assert.Equal("{\"type\":\"Pause\",\"restartLimit\":2}", KindTestKit.At(defaulted, "spec.failurePolicy"));
        Assert.Equal("50%", KindTestKit.At(defaulted, "spec.parallelism"));
    }

    [Fact]
    public void Unset_restart_policy_defaults_to_Always_which_is_then_rejected()
    {
        var job = Valid();
        job.Spec.Template!.Spec.RestartPolicy = null;
        Assert.Equal(
            ["spec.template.spec.restartPolicy: unsupported value \"Always\": must be one of Never, OnFailure"],
            KindTestKit.Lines(BroadcastJobValidation.Validate(BroadcastJobDefaults.Apply(job))));
    }

    private static readonly Dictionary<string, (Action<BroadcastJob> Break, string[] Errors)> Invalid = new()
    {
        ["restart policy Always"] = (j => j.Spec.Template!.Spec.RestartPolicy = "Always",
            ["spec.template.spec.restartPolicy: unsupported value \"Always\": must be one of Never, OnFailure"]),
        ["restart policy unset"] = (j => j.Spec.Template!.Spec.RestartPolicy = null,
            ["spec.template.spec.restartPolicy: is required: must be one of Never, OnFailure"]),
        ["no template"] = (j => j.Spec.Template = null, ["spec.template: is required"]),
        ["no containers"] = (j => j.Spec.Template!.Spec.Containers = [],
            ["spec.template.spec.containers: must have at least one container"]),
        ["controller labels preset"] = (j => j.Spec.Template!.Metadata = new() { Labels = new Dictionary<string, string> { ["broadcastjob-name"] = "x" } },
            ["spec.template.metadata.labels: may not set broadcastjob-name or broadcastjob-controller-uid: the controller sets them"]),
        ["parallelism not a number"] = (j => j.Spec.Parallelism = "half",
            ["spec.parallelism: invalid value \"half\": must be an integer or a percentage such as \"20%\""]),
        ["unknown completion type"] = (j => j.Spec.CompletionPolicy = new() { Type = "Sometimes" },
            ["spec.completionPolicy.type: unsupported value \"Sometimes\": must be one of Always, Never"]),
        ["ttl with Never"] = (j => j.Spec.CompletionPolicy = new() { Type = "Never", TtlSecondsAfterFinished = 60 },
            ["spec.completionPolicy.ttlSecondsAfterFinished: may only be set when type is Always"]),
        ["deadline with Never"] = (j => j.Spec.CompletionPolicy = new() { Type = "Never", ActiveDeadlineSeconds = 600 },
            ["spec.completionPolicy.activeDeadlineSeconds: may only be set when type is Always"]),
        ["zero deadline"] = (j => j.Spec.CompletionPolicy = new() { ActiveDeadlineSeconds = 0 },
            ["spec.completionPolicy.activeDeadlineSeconds: must be >= 1"]),
        ["negative ttl"] = (j => j.Spec.CompletionPolicy = new() { TtlSecondsAfterFinished = -1 },
            ["spec.completionPolicy.ttlSecondsAfterFinished: must be >= 0"]),
        ["unknown failure type"] = (j => j.Spec.FailurePolicy = new() { Type = "Retry" },
            ["spec.failurePolicy.type: unsupported value \"Retry\": must be one of FailFast, Continue, Pause"]),
        ["negative restart limit"] = (j => j.Spec.FailurePolicy = new() { RestartLimit = -1 },
            ["spec.failurePolicy.restartLimit: must be >= 0"]),
        ["dotted name"] = (j => j.Metadata.Name = "warm.cache",
            ["metadata.name: invalid value \"warm.cache\": must consist of alphanumeric characters or '-'"]),
        ["name too long"] = (j => j.Metadata.Name = new string('a', 64),
            ["metadata.name: must be no more than 63 characters"]),
    };

    public static TheoryData<string> InvalidCases => new(Invalid.Keys);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Rejects(string name)
    {
        var (breakIt, expected) = Invalid[name];
        var job = Valid();
        breakIt(job);
        Assert.Equal(expected, KindTestKit.Lines(BroadcastJobValidation.Validate(job)));
    }
}
