namespace Kruise.Actors.Bench.Harness;

/// <summary>A benchmark's scratch folder under /tmp, removed afterwards (a file still held open is left behind, not fatal).</summary>
public static class TempFolder
{
    public static string New(string prefix) => Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..8]);

    public static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
