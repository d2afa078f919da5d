namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>What each row's "object" holds (the includeObject parameter of a Table request).</summary>
public enum IncludeObject
{
    /// <summary>No object: "object" is null.</summary>
    None,

    /// <summary>A meta.k8s.io/v1 PartialObjectMetadata with the object's metadata (the API server's default).</summary>
    Metadata,

    /// <summary>The whole object.</summary>
    Object,
}

/// <summary>
/// How to render a Table. Now dates the age columns. Watch events after the first one leave out
/// the column definitions (IncludeColumnDefinitions false). ResourceVersion, Continue and
/// RemainingItemCount become the Table's list metadata.
/// </summary>
public sealed record TableOptions(
    DateTimeOffset Now,
    IncludeObject IncludeObject = IncludeObject.Metadata,
    bool IncludeColumnDefinitions = true,
    string? ResourceVersion = null,
    string? Continue = null,
    long? RemainingItemCount = null)
{
    /// <summary>The includeObject query parameter: absent means Metadata; an unknown value is a 400.</summary>
    public static IncludeObject ParseIncludeObject(string? value) => value switch
    {
        null or "" or "Metadata" => IncludeObject.Metadata,
        "None" => IncludeObject.None,
        "Object" => IncludeObject.Object,
        _ => throw ApiException.BadRequest($"includeObject: Invalid value: \"{value}\": must be 'Metadata', 'Object', 'None', or empty"),
    };
}
