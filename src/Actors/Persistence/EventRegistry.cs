namespace Kruise.Actors.Persistence;

/// <summary>
/// The explicit map between persisted types (events and snapshots) and their short, stable
/// manifests. The journal stores the manifest, never a CLR type name, so renaming or moving a class
/// only needs its registration to keep the manifest. Each entity kind registers its own types; an
/// optional summary gives `kruise-actors events show` a readable line per event.
/// </summary>
public sealed class EventRegistry
{
    private readonly Dictionary<string, Entry> _byManifest = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Entry> _byType = [];

    public IReadOnlyCollection<Type> Types => _byType.Keys;

    public IReadOnlyCollection<string> Manifests => _byManifest.Keys;

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/> (lowercase letters, digits, '.', '-').</summary>
    public EventRegistry Add<T>(string manifest, Func<T, string>? summary = null) where T : class =>
        Add(typeof(T), manifest, summary is null ? null : o => summary((T)o));

    public EventRegistry Add(Type type, string manifest, Func<object, string>? summary = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!IsValidManifest(manifest))
            throw new ArgumentException($"manifest \"{manifest}\" must be 1-64 characters of a-z, 0-9, '.', '-'", nameof(manifest));
        if (_byManifest.TryGetValue(manifest, out var taken))
            throw new ArgumentException($"manifest \"{manifest}\" is already registered for {taken.Type.Name}", nameof(manifest));
        if (_byType.TryGetValue(type, out var existing))
            throw new ArgumentException($"{type.Name} is already registered as \"{existing.Manifest}\"", nameof(type));
        var entry = new Entry(type, manifest, summary);
        _byManifest.Add(manifest, entry);
        _byType.Add(type, entry);
        return this;
    }

    public bool TryGetManifest(Type type, out string manifest)
    {
        if (_byType.TryGetValue(type, out var entry))
        {
            manifest = entry.Manifest;
            return true;
        }
        manifest = "";
        return false;
    }

    public bool TryGetType(string manifest, out Type type)
    {
        if (_byManifest.TryGetValue(manifest, out var entry))
        {
            type = entry.Type;
            return true;
        }
        type = typeof(object);
        return false;
    }

    /// <summary>The registered summary of <paramref name="value"/>, or null when its type has none.</summary>
    public string? Summarize(object value) =>
        _byType.TryGetValue(value.GetType(), out var entry) && entry.Summary is { } summary ? summary(value) : null;

    private static bool IsValidManifest(string manifest) =>
        manifest is { Length: > 0 and <= 64 } && manifest.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-');

    private sealed record Entry(Type Type, string Manifest, Func<object, string>? Summary);
}
