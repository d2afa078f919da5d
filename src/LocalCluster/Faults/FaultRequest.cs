namespace Kruise.Actors.LocalCluster.Faults;

/// <summary>The API verbs a request to a resource URL is, as Kubernetes' audit and RBAC name them.</summary>
public enum ApiVerb
{
    Get,
    List,
    Watch,
    Create,
    Update,
    Patch,
    Delete,
    DeleteCollection,
}

/// <summary>What the fault policy knows of a request: its verb and what it is about.</summary>
public sealed record FaultRequest(ApiVerb Verb, string Group, string Resource, string? Subresource = null, string? Name = null)
{
    public bool IsWrite => Verb is ApiVerb.Create or ApiVerb.Update or ApiVerb.Patch or ApiVerb.Delete or ApiVerb.DeleteCollection;

    /// <summary>The verb of an HTTP request to a resource URL (null for a method the URL does not serve).</summary>
    public static ApiVerb? VerbOf(string method, bool namesObject, bool watch) => (method, namesObject) switch
    {
        ("GET", false) => watch ? ApiVerb.Watch : ApiVerb.List,
        ("GET", true) => ApiVerb.Get,
        // A POST to an object's URL is a subresource create (pods/binding, pods/eviction).
        ("POST", _) => ApiVerb.Create,
        ("PUT", true) => ApiVerb.Update,
        ("PATCH", true) => ApiVerb.Patch,
        ("DELETE", true) => ApiVerb.Delete,
        ("DELETE", false) => ApiVerb.DeleteCollection,
        _ => null,
    };
}

/// <summary>An error answered instead of serving a request: a Kubernetes Status with this code and reason.</summary>
public sealed record InjectedError(int Code, string Reason, string Message, TimeSpan? RetryAfter = null);

/// <summary>
/// What happens to one request: compact the store first (when due), wait <see cref="Delay"/>,
/// then answer <see cref="Error"/> instead of serving it, or serve it; a watch is cut after
/// <see cref="WatchLifetime"/>.
/// </summary>
public sealed record FaultDecision(TimeSpan Delay, InjectedError? Error, TimeSpan? WatchLifetime, bool CompactFirst)
{
    public static FaultDecision Pass { get; } = new(TimeSpan.Zero, null, null, false);
}
