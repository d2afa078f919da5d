namespace Kruise.Actors.LocalCluster.Tests.Tables;

/// <summary>Files of the checkout the tests run from (found by walking up to the solution file).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kruise.Actors.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Kruise.Actors.sln not found above " + AppContext.BaseDirectory);
    }
}
