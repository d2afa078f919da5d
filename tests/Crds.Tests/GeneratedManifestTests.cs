using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Tests;

/// <summary>deploy/crds holds exactly what the generator emits, and each file is a usable CRD.</summary>
public class GeneratedManifestTests
{
    private static readonly string CrdFolder = RepositoryFiles.PathOf("deploy", "crds");

    [Fact]
    public void Deploy_crds_match_the_generator_run_kruise_actors_crds_to_refresh()
    {
        var generated = CrdGenerator.GenerateAll();
        foreach (var (fileName, yaml) in generated)
        {
            var path = Path.Combine(CrdFolder, fileName);
            Assert.True(File.Exists(path), $"{path} is missing: run `dotnet run --project src/Host -- crds --output-dir deploy/crds`");
            Assert.True(File.ReadAllText(path) == yaml, $"{path} is stale: run `dotnet run --project src/Host -- crds --output-dir deploy/crds`");
        }
        var extra = Directory.GetFiles(CrdFolder, "*.yaml").Select(Path.GetFileName).Except(generated.Select(g => g.FileName)).ToList();
        Assert.True(extra.Count == 0, $"files no kind generates: {string.Join(", ", extra)}");
    }

    [Theory]
    [MemberData(nameof(Samples.AllKinds), MemberType = typeof(Samples))]
    public void Each_file_loads_as_a_CustomResourceDefinition_with_names_versions_and_schema(string kindName)
    {
        var kind = Samples.Kind(kindName);
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(Path.Combine(CrdFolder, CrdGenerator.FileName(kind))), strict: true);

        Assert.Equal("apiextensions.k8s.io/v1", crd.ApiVersion);
        Assert.Equal($"{kind.Plural}.{kind.Group}", crd.Metadata.Name);
        Assert.Equal(kind.Kind, crd.Spec.Names.Kind);
        Assert.Equal(kind.Resource.ShortNames, crd.Spec.Names.ShortNames ?? []);
        Assert.Contains("kruise", crd.Spec.Names.Categories);
        Assert.Equal(kind.Resource.Namespaced ? "Namespaced" : "Cluster", crd.Spec.Scope);
        Assert.Single(crd.Spec.Versions, v => v.Storage);
        foreach (var version in crd.Spec.Versions)
        {
            var root = version.Schema.OpenAPIV3Schema;
            Assert.Equal("object", root.Type);
            Assert.Contains("spec", root.Properties.Keys);
            Assert.Equal(kind.Resource.StatusSubresource, version.Subresources?.Status is not null);
            Assert.Equal(kind.Scale is not null, version.Subresources?.Scale is not null);
            Assert.Equal(kind.PrinterColumns.Select(c => c.Name), (version.AdditionalPrinterColumns ?? []).Select(c => c.Name));
        }
    }

    [Fact]
    public void CloneSet_crd_matches_OpenKruise_names_columns_and_scale()
    {
        var crd = CrdGenerator.Generate(Samples.Kind("CloneSet"));
        Assert.Equal("clonesets.apps.kruise.io", crd.Metadata.Name);
        Assert.Equal(["clone"], crd.Spec.Names.ShortNames);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal("v1alpha1", version.Name);
        Assert.Equal(
            ["DESIRED", "UPDATED", "UPDATED_READY", "UPDATED_AVAILABLE", "READY", "TOTAL", "AGE"],
            version.AdditionalPrinterColumns.Where(c => (c.Priority ?? 0) == 0).Select(c => c.Name));
        Assert.Equal(["CONTAINERS", "IMAGES", "SELECTOR"], version.AdditionalPrinterColumns.Where(c => c.Priority == 1).Select(c => c.Name));
        Assert.Equal(".spec.replicas", version.Subresources.Scale.SpecReplicasPath);
        Assert.Equal(".status.replicas", version.Subresources.Scale.StatusReplicasPath);
        Assert.Equal(".status.labelSelector", version.Subresources.Scale.LabelSelectorPath);
    }
}
