namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// apiextensions' completeness rule (schema/complete.go): every property or items a value validation
/// (allOf/anyOf/oneOf/not) talks about must also be specified in the structural part of the schema,
/// so pruning and validation agree on which fields exist.
/// </summary>
internal static class StructuralCompleteness
{
    public static void Check(SchemaNode s, string path, List<FieldError> errors) => Junctors(s, s, path, path, errors);

    // v's junctors restrict the value that the structural node s describes.
    private static void Junctors(SchemaNode v, SchemaNode s, string structuralPath, string validationPath, List<FieldError> errors)
    {
        if (v.Not is not null)
            Nested(v.Not, s, structuralPath, validationPath + ".not", errors);
        for (var i = 0; i < v.AllOf.Count; i++)
            Nested(v.AllOf[i], s, structuralPath, $"{validationPath}.allOf[{i}]", errors);
        for (var i = 0; i < v.AnyOf.Count; i++)
            Nested(v.AnyOf[i], s, structuralPath, $"{validationPath}.anyOf[{i}]", errors);
        for (var i = 0; i < v.OneOf.Count; i++)
            Nested(v.OneOf[i], s, structuralPath, $"{validationPath}.oneOf[{i}]", errors);
    }

    private static void Nested(SchemaNode? v, SchemaNode? s, string structuralPath, string validationPath, List<FieldError> errors)
    {
        if (v is null)
            return;
        if (s is null)
        {
            errors.Add(FieldError.Required(structuralPath, "because it is defined in " + validationPath));
            return;
        }
        Junctors(v, s, structuralPath, validationPath, errors);
        Nested(v.Items, s.Items, structuralPath + ".items", validationPath + ".items", errors);
        foreach (var (name, property) in v.Properties)
        {
            var structuralProperty = StructuralInvariants.Properties(structuralPath, name);
            var validationProperty = StructuralInvariants.Properties(validationPath, name);
            if (s.Property(name) is { } specified)
                Nested(property, specified, structuralProperty, validationProperty, errors);
            else
                errors.Add(FieldError.Required(structuralProperty, "because it is defined in " + validationProperty));
        }
    }
}
