namespace Kruise.Actors.Crds.Validation;

/// <summary>One validation failure: the JSON field path (spec.updateStrategy.maxSurge) and what is wrong.</summary>
public sealed record FieldError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
