using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>
/// What an admission step sees: the operation and the object about to be stored. For DELETE (run
/// through validating steps only) Object and OldObject are both the object being deleted and
/// DeleteOptions is set; for a subresource create such as pods/eviction, Object is the posted
/// object (the Eviction) and Type the parent resource.
/// </summary>
public sealed class AdmissionRequest
{
    public required string Operation { get; init; }
    public required ResourceType Type { get; init; }
    public string? Subresource { get; init; }

    /// <summary>The object to be stored; mutating steps change it in place.</summary>
    public required JsonObject Object { get; set; }

    public JsonObject? OldObject { get; init; }
    public required WriteOptions Options { get; init; }
    public DeleteOptions? DeleteOptions { get; init; }
}

/// <summary>
/// One stage between a request and storage (schema validation for custom resources, admission
/// webhooks). Mutating steps run before validating ones; a step refuses by throwing ApiException.
/// </summary>
public interface IAdmissionStep
{
    bool Mutating { get; }

    Task Admit(AdmissionRequest request, CancellationToken cancellationToken);
}
