namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// An entity's identity and persistence id: `Kind/namespace/name` (`Kind/name` for cluster-scoped
/// objects). Kind is the entity kind's name as registered (e.g. "CloneSet", "Pod").
/// </summary>
public readonly record struct EntityId(string Kind, string? Namespace, string Name)
{
    public override string ToString() => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    public static bool TryParse(string? value, out EntityId id)
    {
        id = default;
        if (string.IsNullOrEmpty(value))
            return false;
        var parts = value.Split('/');
        if (parts.Any(p => p.Length == 0))
            return false;
        switch (parts.Length)
        {
            case 2:
                id = new EntityId(parts[0], null, parts[1]);
                return true;
            case 3:
                id = new EntityId(parts[0], parts[1], parts[2]);
                return true;
            default:
                return false;
        }
    }

    public static EntityId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"\"{value}\" is not KIND/NAMESPACE/NAME");
}
