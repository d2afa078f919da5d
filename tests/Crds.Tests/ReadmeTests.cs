namespace Kruise.Actors.Crds.Tests;

/// <summary>The README's table of served kinds stays true to what is served.</summary>
public class ReadmeTests
{
    [Theory]
    [MemberData(nameof(Samples.AllKinds), MemberType = typeof(Samples))]
    public void Readme_lists_each_served_kind_with_its_versions_short_names_and_scope(string kindName)
    {
        var kind = Samples.Kind(kindName);
        var resource = kind.Resource;
        var versions = string.Join(", ", resource.Versions.Select(v => $"{resource.Group}/{v}"));
        var shortNames = resource.ShortNames.Length == 0 ? "—" : string.Join(", ", resource.ShortNames);
        var row = $"| {resource.Kind} | {versions} | {shortNames} | {(resource.Namespaced ? "Namespaced" : "Cluster")} |";
        Assert.Contains(row, File.ReadAllLines(RepositoryFiles.PathOf("README.md")));
    }
}
