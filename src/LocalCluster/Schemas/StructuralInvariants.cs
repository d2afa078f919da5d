namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// apiextensions' structural-schema invariants (schema/validation.go): every specified field has a
/// type unless int-or-string or preserve-unknown-fields; value validations (allOf/anyOf/oneOf/not)
/// only restrict, never specify (no type, default, description, extensions, nested metadata); root
/// metadata restricts at most name and generateName; embedded resources are objects.
/// </summary>
internal static class StructuralInvariants
{
    private enum Level
    {
        Root,
        Item,
        Field,
    }

    public static void Check(SchemaNode s, string path, List<FieldError> errors) => Invariants(s, Level.Root, path, errors);

    private static void Invariants(SchemaNode? s, Level level, string path, List<FieldError> errors)
    {
        if (s is null)
            return;
        if (s.Type == "array" && s.Items is null)
            errors.Add(FieldError.Required(path + ".items", "must be specified"));
        Invariants(s.Items, Level.Item, path + ".items", errors);
        foreach (var (name, property) in s.Properties)
            Invariants(property, Level.Field, Properties(path, name), errors);
        if (s.HasAdditionalProperties)
        {
            if (level == Level.Root)
                errors.Add(FieldError.Forbidden(path + ".additionalProperties", "must not be used at the root"));
            Invariants(s.AdditionalProperties, Level.Field, path + ".additionalProperties", errors);
        }

        if (s.IntOrString && s.PreserveUnknownFields)
            errors.Add(FieldError.Invalid(path + ".x-kubernetes-preserve-unknown-fields", true, "must be false if x-kubernetes-int-or-string is true"));
        if (s.IntOrString && s.EmbeddedResource)
            errors.Add(FieldError.Invalid(path + ".x-kubernetes-embedded-resource", true, "must be false if x-kubernetes-int-or-string is true"));

        ValueValidation(s, IsIntOrStringAnyOf(s), IsIntOrStringAllOf(s), level, path, errors);

        var checkMetadata = level == Level.Root || s.EmbeddedResource;
        if (s.EmbeddedResource && s.Type != "object")
        {
            errors.Add(s.Type is null
                ? FieldError.Required(path + ".type", "must be object if x-kubernetes-embedded-resource is true")
                : FieldError.Invalid(path + ".type", s.Type, "must be object if x-kubernetes-embedded-resource is true"));
        }
        else if (s.Type is null && !s.IntOrString && !s.PreserveUnknownFields)
        {
            errors.Add(FieldError.Required(path + ".type", level switch
            {
                Level.Root => "must not be empty at the root",
                Level.Item => "must not be empty for specified array items",
                _ => "must not be empty for specified object fields",
            }));
        }
        if (s.EmbeddedResource && s.HasAdditionalProperties)
            errors.Add(FieldError.Forbidden(path + ".additionalProperties", "must not be used if x-kubernetes-embedded-resource is set"));
        if (level == Level.Root && s.Type is not null && s.Type != "object")
            errors.Add(FieldError.Invalid(path + ".type", s.Type, "must be object at the root"));

        foreach (var typeField in (string[])["kind", "apiVersion"])
        {
            if (checkMetadata && s.Property(typeField) is { } field && field.Type != "string")
                errors.Add(FieldError.Invalid(Properties(path, typeField) + ".type", field.Type ?? "", "must be string"));
        }
        if (s.Property("metadata") is { } metadata)
            MetadataInvariants(metadata, checkMetadata, level, Properties(path, "metadata"), errors);

        if (s.EmbeddedResource && !s.PreserveUnknownFields && !s.HasProperties)
            errors.Add(FieldError.Required(path + ".properties", "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
    }

    private static void MetadataInvariants(SchemaNode metadata, bool checkMetadata, Level level, string path, List<FieldError> errors)
    {
        if (checkMetadata && metadata.Type != "object")
            errors.Add(FieldError.Invalid(path + ".type", metadata.Type ?? "", "must be object"));
        if (level != Level.Root)
            return;
        // The server owns ObjectMeta: a CRD may only narrow name/generateName (any type, a default is checked elsewhere).
        var names = metadata.Properties.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        names.Remove("name");
        names.Remove("generateName");
        var onlyNames = names.Count == 0;
        if (!onlyNames || !SchemaShape.IsBare(metadata.Source, allowType: true, allowDefault: true, allowProperties: true, nested: false))
            errors.Add(FieldError.Forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified"));
    }

    private static void ValueValidation(SchemaNode v, bool skipAnyOf, bool skipFirstAllOfAnyOf, Level level, string path, List<FieldError> errors)
    {
        if (!skipAnyOf)
        {
            for (var i = 0; i < v.AnyOf.Count; i++)
                Nested(v.AnyOf[i], false, level, $"{path}.anyOf[{i}]", errors);
        }
        for (var i = 0; i < v.AllOf.Count; i++)
            Nested(v.AllOf[i], skipFirstAllOfAnyOf && i == 0, level, $"{path}.allOf[{i}]", errors);
        for (var i = 0; i < v.OneOf.Count; i++)
            Nested(v.OneOf[i], false, level, $"{path}.oneOf[{i}]", errors);
        if (v.Not is not null)
            Nested(v.Not, false, level, path + ".not", errors);
        if (v.Pattern is { } pattern && OpenApiValidator.CompilePattern(pattern).Regex is null)
            errors.Add(FieldError.Invalid(path + ".pattern", pattern, "must be a valid regular expression, but isn't: " + OpenApiValidator.CompilePattern(pattern).Error));
    }

    // Inside a junctor a schema may only validate: anything that specifies or annotates is forbidden.
    private static void Nested(SchemaNode v, bool skipAnyOf, Level level, string path, List<FieldError> errors)
    {
        ValueValidation(v, skipAnyOf, false, level, path, errors);
        if (v.Items is not null)
            Nested(v.Items, false, level, path + ".items", errors);
        foreach (var (name, property) in v.Properties)
            Nested(property, false, Level.Field, Properties(path, name), errors);

        var source = v.Source;
        if (v.Type is not null)
            errors.Add(FieldError.Forbidden(path + ".type", "must be empty to be structural"));
        if (v.AdditionalPropertiesAllowed)
            errors.Add(FieldError.Forbidden(path + ".additionalProperties", "must be undefined to be structural"));
        if (v.Default is not null)
            errors.Add(FieldError.Forbidden(path + ".default", "must be undefined to be structural"));
        if (!string.IsNullOrEmpty(source.Title))
            errors.Add(FieldError.Forbidden(path + ".title", "must be empty to be structural"));
        if (!string.IsNullOrEmpty(source.Description))
            errors.Add(FieldError.Forbidden(path + ".description", "must be empty to be structural"));
        if (v.Nullable)
            errors.Add(FieldError.Forbidden(path + ".nullable", "must be false to be structural"));
        if (v.PreserveUnknownFields)
            errors.Add(FieldError.Forbidden(path + ".x-kubernetes-preserve-unknown-fields", "must be false to be structural"));
        if (v.EmbeddedResource)
            errors.Add(FieldError.Forbidden(path + ".x-kubernetes-embedded-resource", "must be false to be structural"));
        if (v.IntOrString)
            errors.Add(FieldError.Forbidden(path + ".x-kubernetes-int-or-string", "must be false to be structural"));
        if (v.ListMapKeys.Count > 0)
            errors.Add(FieldError.Forbidden(path + ".x-kubernetes-list-map-keys", "must be empty to be structural"));
        if (source.XKubernetesListType is not null)
            errors.Add(FieldError.Forbidden(path + ".x-kubernetes-list-type", "must be undefined to be structural"));
        if (source.XKubernetesMapType is not null)
            errors.Add(FieldError.Forbidden(path + ".x-kubernetes-map-type", "must be undefined to be structural"));
        if (source.XKubernetesValidations is { Count: > 0 })
            errors.Add(FieldError.Forbidden(path + ".x-kubernetes-validations", "must be empty to be structural"));
        if (v.Property("metadata") is not null)
            errors.Add(FieldError.Forbidden(Properties(path, "metadata"), "must not be specified in a nested context"));
    }

    // The two int-or-string shapes tolerated under a junctor: anyOf [{type: integer}, {type: string}],
    // directly or as the first allOf entry.
    private static bool IsIntOrStringAnyOf(SchemaNode s) =>
        s.AnyOf.Count == 2 && SchemaShape.IsBareType(s.AnyOf[0].Source, "integer") && SchemaShape.IsBareType(s.AnyOf[1].Source, "string");

    private static bool IsIntOrStringAllOf(SchemaNode s) => s.AllOf.Count >= 1 && IsIntOrStringAnyOf(s.AllOf[0]);

    internal static string Properties(string path, string name) => $"{path}.properties[{name}]";
}
