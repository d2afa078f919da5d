using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kruise.Actors.LocalCluster.Tests.Tables;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>A cluster with every CRD of deploy/crds applied by `kubectl apply -f deploy/crds/`.</summary>
public sealed class CrdClusterFixture : ClusterFixture
{
    public KubectlResult Applied { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Applied = await Kubectl($"apply -f {RepositoryFiles.PathOf("deploy", "crds")}");
    }
}

/// <summary>Every CRD applies with kubectl, and each kind's sample (status stripped) applies and lists with the CRD's printer columns.</summary>
public class CrdSamplesTests(CrdClusterFixture cluster) : IClassFixture<CrdClusterFixture>
{
    private static readonly string[] CrdFiles = Directory.GetFiles(RepositoryFiles.PathOf("deploy", "crds"), "*.yaml").Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Samples => [.. Directory.GetFiles(RepositoryFiles.PathOf("tests", "Crds.Tests", "Samples"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Apply_of_the_crd_folder_creates_every_crd_and_they_are_established()
    {
        var crds = CrdFiles.Select(f => KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(f))).ToList();
        Assert.Equal(crds.Select(c => $"customresourcedefinition.apiextensions.k8s.io/{c.Metadata.Name} created").Order(StringComparer.Ordinal), cluster.Applied.Ok().Lines.Order(StringComparer.Ordinal));

        var listed = (await cluster.Kubectl("get customresourcedefinitions")).Ok().Table();
        Assert.Equal(["NAME", "CREATED AT"], listed.Columns);
        Assert.Equal(crds.Select(c => c.Metadata.Name).Order(StringComparer.Ordinal), listed.Rows.Select(r => r["NAME"]));
        var established = (await cluster.Kubectl("""get crd -o 'jsonpath={.items[*].status.conditions[?(@.type=="Established")].status}'""")).Ok().Stdout;
        Assert.All(established.Split(' '), s => Assert.Equal("True", s));
    }

    [Fact]
    public async Task Custom_resources_answer_to_short_names_categories_scale_and_explain()
    {
        const string CloneSet = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Namespace
              metadata:
                name: kruise-cli
            - apiVersion: apps.kruise.io/v1alpha1
              kind: CloneSet
              metadata:
                name: cli
                namespace: kruise-cli
              spec:
                replicas: 2
                selector:
                  matchLabels:
                    app: cli
                template:
                  metadata:
                    labels:
                      app: cli
                  spec:
                    containers:
                    - name: app
                      image: app:1
            """;
        (await cluster.Kubectl("apply -f -", CloneSet)).Ok();

        Assert.Equal("cloneset.apps.kruise.io/cli scaled", (await cluster.Kubectl("scale clone cli -n kruise-cli --replicas=5")).Ok().Stdout.Trim());
        var byShortName = (await cluster.Kubectl("get clone -n kruise-cli")).Ok().Table();
        Assert.Equal("5", byShortName.Row("cli")["DESIRED"]);
        // The category covers every Kruise kind (cluster-scoped ones ignore -n, as on any cluster).
        var byCategory = (await cluster.Kubectl("get kruise -n kruise-cli -o name")).Ok().Lines;
        Assert.Contains("cloneset.apps.kruise.io/cli", byCategory);

        var explained = (await cluster.Kubectl("explain cloneset.spec.updateStrategy.partition")).Ok().Stdout;
        Assert.Matches(@"(?m)^GROUP:\s+apps.kruise.io$", explained);
        Assert.Matches(@"(?m)^KIND:\s+CloneSet$", explained);
        Assert.Matches(@"(?m)^FIELD:\s+partition <", explained);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_applies_and_lists_with_the_crd_printer_columns(string sampleFile)
    {
        var sample = Yaml(File.ReadAllText(RepositoryFiles.PathOf("tests", "Crds.Tests", "Samples", sampleFile)));
        sample.Remove("status");
        var (group, version) = Split((string)sample["apiVersion"]!);
        var kind = (string)sample["kind"]!;
        var name = (string)sample["metadata"]!["name"]!;
        var crd = CrdFiles.Select(f => KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(f)))
            .Single(c => c.Spec.Group == group && c.Spec.Names.Kind == kind);
        var resource = $"{crd.Spec.Names.Plural}.{group}";
        var scope = "";
        var manifest = sample.ToJsonString();
        if (crd.Spec.Scope == "Namespaced")
        {
            var ns = (string)sample["metadata"]!["namespace"]!;
            scope = $"-n {ns}";
            manifest = $"{{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{{\"name\":\"{ns}\"}}}},{manifest}]}}";
        }

        var applied = (await cluster.Kubectl("apply -f -", manifest)).Ok();
        Assert.Contains($"{kind.ToLowerInvariant()}.{group}/{name} created", applied.Lines);

        var table = (await cluster.Kubectl($"get {resource} {scope} -o wide")).Ok().Table();
        var columns = crd.Spec.Versions.Single(v => v.Name == version).AdditionalPrinterColumns ?? [];
        Assert.Equal(["NAME", .. columns.Select(c => c.Name.ToUpperInvariant())], table.Columns);
        var row = table.Row(name);
        foreach (var column in columns)
        {
            var cell = row[column.Name.ToUpperInvariant()];
            if (column.JsonPath == ".metadata.creationTimestamp")
                Assert.Matches(@"^\d+s$", cell); // the server sets creationTimestamp, whatever the manifest says
            else
                Assert.Equal(Expected(sample, column), cell);
        }
    }

    /// <summary>What kubectl prints for a column of the sample: spec and label values as written (a [*] column its first match), nothing for the stripped status.</summary>
    private static string Expected(JsonObject sample, V1CustomResourceColumnDefinition column)
    {
        var path = column.JsonPath.Replace("[*]", "[0]", StringComparison.Ordinal).Replace(@"\.", "\u0001", StringComparison.Ordinal);
        JsonNode? node = sample;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Replace('\u0001', '.')))
        {
            node = part.EndsWith("[0]", StringComparison.Ordinal) ? node?[part[..^3]]?[0] : node?[part];
        }
        return node switch
        {
            null => "",
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => node.ToJsonString(),
        };
    }

    private static (string Group, string Version) Split(string apiVersion) =>
        apiVersion.Split('/') is [var group, var version] ? (group, version) : ("", apiVersion);

    private static JsonObject Yaml(string text) =>
        JsonNode.Parse(KubernetesJson.Serialize(KubernetesYaml.Deserialize<object>(text)))!.AsObject();
}
