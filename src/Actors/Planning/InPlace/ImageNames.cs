namespace Kruise.Actors.Planning.InPlace;

/// <summary>
/// Image names as a container runtime reports them ("docker.io/library/nginx:1.25") against the
/// short form a spec uses ("nginx:1.25"): the same image when equal after Docker Hub's defaults.
/// </summary>
public static class ImageNames
{
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && Normalize(a) == Normalize(b);

    public static string Normalize(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var name = image;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : name[..slash];
        var hasRegistry = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
        if (!hasRegistry)
            name = "docker.io/" + name;
        if (name.StartsWith("docker.io/", StringComparison.Ordinal) && name.IndexOf('/', "docker.io/".Length) < 0)
            name = "docker.io/library/" + name["docker.io/".Length..];
        var lastSlash = name.LastIndexOf('/');
        var tail = name[(lastSlash + 1)..];
        if (!tail.Contains(':', StringComparison.Ordinal) && !name.Contains('@', StringComparison.Ordinal))
            name += ":latest";
        return name;
    }
}
