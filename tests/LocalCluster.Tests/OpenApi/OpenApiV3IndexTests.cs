using Kruise.Actors.LocalCluster.OpenApi;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Tests.OpenApi;

/// <summary>The /openapi/v3 index: one entry per served group-version, with a hash kubectl can cache by.</summary>
public class OpenApiV3IndexTests
{
    [Fact]
    public void Index_lists_every_group_version_of_the_registry()
    {
        var resources = TestResources.WithCloneSet().All;
        var paths = OpenApiV3.Index(resources)["paths"]!.AsObject();

        var expected = resources.Select(r => r.Group.Length == 0 ? $"api/{r.Version}" : $"apis/{r.Group}/{r.Version}").ToHashSet();
        Assert.Equal(expected.Order(StringComparer.Ordinal), paths.Select(p => p.Key));
        Assert.Contains("api/v1", expected);
        Assert.Contains("apis/apps/v1", expected);
        Assert.Contains("apis/apps.kruise.io/v1alpha1", expected);
        foreach (var (path, entry) in paths)
            Assert.Matches($"^/openapi/v3/{path.Replace(".", "\\.", StringComparison.Ordinal)}\\?hash=[0-9A-F]{{128}}$", entry!["serverRelativeURL"]!.GetValue<string>());
    }

    [Fact]
    public void Hashes_are_stable_for_the_same_resources()
    {
        var resources = TestResources.WithCloneSet().All;
        Assert.Equal(OpenApiV3.Index(resources).ToJsonString(), OpenApiV3.Index(resources).ToJsonString());
        Assert.Equal(OpenApiV3.Index(resources).ToJsonString(), OpenApiV3.Index(TestResources.WithCloneSet().All).ToJsonString());
    }

    [Fact]
    public void Adding_a_CRD_changes_the_hash_of_its_group_version_only()
    {
        var registry = TestResources.WithCloneSet();
        var before = Urls(registry.All);

        registry.Register(TestResources.Crd("apps.kruise.io", "v1alpha1", "Widget"));
        var after = Urls(registry.All);

        Assert.Equal(before.Keys, after.Keys);
        foreach (var (path, url) in before)
        {
            if (path == "apis/apps.kruise.io/v1alpha1")
                Assert.NotEqual(url, after[path]);
            else
                Assert.Equal(url, after[path]);
        }
    }

    [Fact]
    public void A_CRD_in_a_new_group_adds_an_entry_and_changes_no_other()
    {
        var registry = TestResources.WithCloneSet();
        var before = Urls(registry.All);

        registry.Register(TestResources.Crd("example.com", "v1", "Gadget"));
        var after = Urls(registry.All);

        Assert.Equal(["apis/example.com/v1"], after.Keys.Except(before.Keys));
        foreach (var (path, url) in before)
            Assert.Equal(url, after[path]);
    }

    [Fact]
    public void Removing_a_CRD_removes_its_group_version()
    {
        var registry = TestResources.WithCloneSet();
        registry.Unregister("apps.kruise.io", "clonesets");

        Assert.DoesNotContain("apis/apps.kruise.io/v1alpha1", Urls(registry.All).Keys);
        Assert.Null(OpenApiV3.Document(registry.All, "apis/apps.kruise.io/v1alpha1"));
    }

    private static Dictionary<string, string> Urls(IReadOnlyList<ResourceType> resources) =>
        OpenApiV3.Index(resources)["paths"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!["serverRelativeURL"]!.GetValue<string>());
}
