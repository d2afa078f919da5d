using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Patching;

namespace Kruise.Actors.LocalCluster.Tests.Patching;

/// <summary>
/// Random documents and patches built from the names and directives the patchers care about:
/// whatever the input, a patch either succeeds or throws ApiException, and never changes its inputs.
/// </summary>
public class PatchFuzzTests
{
    private static readonly string[] Names =
        ["spec", "containers", "name", "env", "ports", "containerPort", "metadata", "finalizers", "a", "b",
         "$patch", "$retainKeys", "$setElementOrder/containers", "$deleteFromPrimitiveList/finalizers", "$setElementOrder/finalizers"];

    private static readonly string[] Strings = ["a", "b", "delete", "replace", "merge", "name", "containers"];

    [Fact]
    public void Strategic_merge_patch_fails_only_with_ApiException() =>
        Run(seed: 1, (random, original, patch) => StrategicMergePatch.Apply(original, patch, StrategicMergeSchema.For("", "Pod")));

    [Fact]
    public void Merge_patch_fails_only_with_ApiException() =>
        Run(seed: 2, (random, original, patch) => MergePatch.Apply(original, patch));

    [Fact]
    public void Json_patch_fails_only_with_ApiException() =>
        Run(seed: 3, (random, original, patch) => JsonPatch.Apply(original, Operations(random, original)));

    private static void Run(int seed, Func<Random, JsonNode, JsonNode, JsonNode> apply)
    {
        var random = new Random(seed);
        var applied = 0;
        for (var i = 0; i < 3000; i++)
        {
            // Mostly objects, the shape real bodies have, so most patches get past the first check.
            var original = (random.Next(4) == 0 ? Value(random, 4) : Object(random, 4)) ?? new JsonObject();
            var patch = (random.Next(4) == 0 ? Value(random, 4) : Object(random, 4)) ?? new JsonObject();
            var originalText = original.ToJsonString();
            var patchText = patch.ToJsonString();
            try
            {
                apply(random, original, patch);
                applied++;
            }
            catch (ApiException)
            {
                // A refusal is a fine outcome; anything else fails the test.
            }
            Assert.Equal(originalText, original.ToJsonString());
            Assert.Equal(patchText, patch.ToJsonString());
        }
        // Guards against a generator that only ever produces refusals.
        Assert.True(applied > 300, $"only {applied} of 3000 random patches applied");
    }

    private static JsonNode? Value(Random random, int depth) => (depth <= 0 ? random.Next(4) : random.Next(8)) switch
    {
        0 => null,
        1 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
        2 => JsonValue.Create(random.Next(3)),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 or 5 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth - 1))]),
        _ => Object(random, depth),
    };

    private static JsonObject Object(Random random, int depth)
    {
        var obj = new JsonObject();
        for (var i = random.Next(5); i > 0; i--)
        {
            obj[Names[random.Next(Names.Length)]] = Value(random, depth - 1);
        }
        return obj;
    }

    private static JsonArray Operations(Random random, JsonNode document)
    {
        string[] ops = ["add", "remove", "replace", "move", "copy", "test", "bogus"];
        string[] paths = ["", "/", "/a", "/spec", "/spec/containers", "/spec/containers/0", "/spec/containers/-", "/a/b", "/~1", "/0", "/a/01"];
        var operations = new JsonArray();
        for (var i = random.Next(4); i > 0; i--)
        {
            var operation = new JsonObject { ["op"] = ops[random.Next(ops.Length)], ["path"] = paths[random.Next(paths.Length)] };
            if (random.Next(3) > 0)
            {
                operation["from"] = paths[random.Next(paths.Length)];
            }
            if (random.Next(3) > 0)
            {
                operation["value"] = random.Next(2) == 0 ? document.DeepClone() : Value(random, 2);
            }
            operations.Add(operation);
        }
        return operations;
    }
}
