using System.Text.RegularExpressions;

namespace Kruise.Actors.Crds.Common;

/// <summary>
/// A parsed container image reference in its normalized form: "nginx:1.25" is domain docker.io,
/// path library/nginx, tag 1.25.
/// </summary>
public sealed record ImageReference(string Domain, string Path, string? Tag, string? Digest)
{
    public const string DefaultDomain = "docker.io";

    /// <summary>The repository with its domain, e.g. docker.io/library/nginx.</summary>
    public string Repository => $"{Domain}/{Path}";

    /// <summary>The tag to pull: the given one, or "latest" when neither a tag nor a digest is given.</summary>
    public string? EffectiveTag => Tag ?? (Digest is null ? "latest" : null);
}

/// <summary>
/// Parses image references with the container registry grammar (domain[:port]/path[:tag][@digest]),
/// applying Docker's normalization of short names, as the node daemon does before pulling.
/// </summary>
public static partial class ImageReferences
{
    private const int MaxRepositoryLength = 255;

    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Domain = "(?:" + DomainComponent + "(?:\\." + DomainComponent + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
    private const string Tag = "[\\w][\\w.-]{0,127}";
    private const string Digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    [GeneratedRegex("^(?:(" + Domain + ")/)?(" + PathComponent + "(?:/" + PathComponent + ")*)(?::(" + Tag + "))?(?:@(" + Digest + "))?$")]
    private static partial Regex Reference();

    [GeneratedRegex("^[a-f0-9]{64}$")]
    private static partial Regex ImageId();

    /// <summary>Parses a reference; on failure returns false and says why.</summary>
    public static bool TryParse(string? text, out ImageReference? reference, out string error)
    {
        reference = null;
        error = "";
        if (string.IsNullOrEmpty(text))
        {
            error = "must not be empty";
            return false;
        }
        if (ImageId().IsMatch(text))
        {
            error = "must be a repository name, not a 64-character hexadecimal image ID";
            return false;
        }
        var (domain, remainder) = SplitDomain(text);
        var repository = remainder.Split('@')[0].Split(':')[0];
        if (!string.Equals(repository, repository.ToLowerInvariant(), StringComparison.Ordinal))
        {
            error = "repository name must be lowercase";
            return false;
        }
        var match = Reference().Match($"{domain}/{remainder}");
        if (!match.Success || !match.Groups[1].Success)
        {
            error = "invalid reference format";
            return false;
        }
        var path = match.Groups[2].Value;
        if (domain.Length + 1 + path.Length > MaxRepositoryLength)
        {
            error = $"repository name must not be more than {MaxRepositoryLength} characters";
            return false;
        }
        reference = new ImageReference(match.Groups[1].Value, path,
            match.Groups[3].Success ? match.Groups[3].Value : null,
            match.Groups[4].Success ? match.Groups[4].Value : null);
        return true;
    }

    /// <summary>
    /// The first segment is a registry when it has a dot, a colon or is localhost (or is not lowercase);
    /// otherwise the image lives on Docker Hub, where one-segment names sit under library/.
    /// </summary>
    private static (string Domain, string Remainder) SplitDomain(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        string domain, remainder;
        if (slash < 0 || (text[..slash].IndexOfAny(['.', ':']) < 0 && text[..slash] != "localhost"
                          && string.Equals(text[..slash], text[..slash].ToLowerInvariant(), StringComparison.Ordinal)))
        {
            domain = ImageReference.DefaultDomain;
            remainder = text;
        }
        else
        {
            domain = text[..slash];
            remainder = text[(slash + 1)..];
        }
        if (domain == "index.docker.io")
            domain = ImageReference.DefaultDomain;
        if (domain == ImageReference.DefaultDomain && !remainder.Contains('/', StringComparison.Ordinal))
            remainder = "library/" + remainder;
        return (domain, remainder);
    }
}
