using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Admission;

namespace Kruise.Actors.LocalCluster.Tests.Admission;

public sealed class DefaultTolerationSecondsTests
{
    private const string NotReady = "node.kubernetes.io/not-ready";
    private const string Unreachable = "node.kubernetes.io/unreachable";

    public static TheoryData<string, string, string[]> Cases => new()
    {
        // name, the pod's tolerations (JSON), the tolerations after admission as "key:effect:seconds"
        { "none", "[]", [$"{NotReady}:NoExecute:120", $"{Unreachable}:NoExecute:120"] },
        { "own unreachable kept", $$"""[{"key":"{{Unreachable}}","operator":"Exists","effect":"NoExecute","tolerationSeconds":5}]""", [$"{Unreachable}:NoExecute:5", $"{NotReady}:NoExecute:120"] },
        { "no effect covers NoExecute", $$"""[{"key":"{{NotReady}}","operator":"Exists"}]""", [$"{NotReady}::", $"{Unreachable}:NoExecute:120"] },
        { "NoSchedule does not cover", $$"""[{"key":"{{Unreachable}}","operator":"Exists","effect":"NoSchedule"}]""", [$"{Unreachable}:NoSchedule:", $"{NotReady}:NoExecute:120", $"{Unreachable}:NoExecute:120"] },
        { "tolerate everything", """[{"operator":"Exists"}]""", ["::"] },
        { "empty key with NoExecute covers both", """[{"operator":"Exists","effect":"NoExecute"}]""", [":NoExecute:"] },
        { "unrelated kept, defaults added", """[{"key":"dedicated","operator":"Equal","value":"gpu","effect":"NoSchedule"}]""", ["dedicated:NoSchedule:", $"{NotReady}:NoExecute:120", $"{Unreachable}:NoExecute:120"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pods_get_the_not_ready_and_unreachable_tolerations_they_lack(string name, string tolerations, string[] expected)
    {
        var pod = new JsonObject { ["spec"] = new JsonObject { ["tolerations"] = JsonNode.Parse(tolerations) } };

        DefaultTolerationSeconds.Apply(pod, 120);

        var after = ((JsonArray)pod["spec"]!["tolerations"]!).Select(t => $"{JsonRead.Str(t, "key")}:{JsonRead.Str(t, "effect")}:{JsonRead.IntOrNull(t, "tolerationSeconds")}");
        Assert.True(expected.SequenceEqual(after), $"{name}: got {string.Join(", ", after)}");
    }

    [Fact]
    public void A_pod_without_tolerations_gets_a_list()
    {
        var pod = new JsonObject { ["spec"] = new JsonObject() };

        DefaultTolerationSeconds.Apply(pod, 300);

        Assert.Equal(2, JsonRead.Count(pod, "spec", "tolerations"));
    }
}
