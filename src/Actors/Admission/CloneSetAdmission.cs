using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Admission;

/// <summary>
/// The CloneSet webhooks' decisions (OpenKruise's pkg/webhook/cloneset): defaults as a JSON Patch,
/// and validation with every error naming its field. Pure: review in, response out.
/// </summary>
public static class CloneSetAdmission
{
    /// <summary>The mutating webhook: the patch that applies <see cref="CloneSetDefaults"/>.</summary>
    public static AdmissionResponse Default(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Unchecked(request) is { } skip)
            return skip;
        var (cloneSet, failure) = Decode(request.Object, "object");
        if (cloneSet is null)
            return failure!;
        // Both sides go through the same serialization, so the diff holds only what defaulting
        // changed (never fields the types do not model, which the raw object keeps).
        var asRead = JsonNode.Parse(KubernetesJson.Serialize(cloneSet));
        var defaulted = JsonNode.Parse(KubernetesJson.Serialize(CloneSetDefaults.Apply(cloneSet)));
        return AdmissionResponse.WithPatch(JsonPatchDiff.Diff(asRead, defaulted));
    }

    /// <summary>The validating webhook: create checks the object, update also what may not change (the selector; under InPlaceOnly, anything not in-place-able).</summary>
    public static AdmissionResponse Validate(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Unchecked(request) is { } skip)
            return skip;
        var (cloneSet, failure) = Decode(request.Object, "object");
        if (cloneSet is null)
            return failure!;
        IReadOnlyList<FieldError> errors;
        if (request.Operation == "UPDATE")
        {
            var (old, oldFailure) = Decode(request.OldObject, "oldObject");
            if (old is null)
                return oldFailure!;
            var updateErrors = CloneSetValidation.ValidateUpdate(old, cloneSet).ToList();
            if (InPlaceOnlyRule.Check(old, cloneSet) is { } notInPlace)
                updateErrors.Add(notInPlace);
            errors = updateErrors;
        }
        else
        {
            errors = CloneSetValidation.Validate(cloneSet);
        }
        return errors.Count == 0 ? AdmissionResponse.Allow() : Invalid(cloneSet.Metadata?.Name ?? "", errors);
    }

    /// <summary>
    /// A 422 Invalid denial about the named CloneSet whose message lists every field, as
    /// Kubernetes' aggregated field errors read: one error alone, several in brackets.
    /// </summary>
    public static AdmissionResponse Invalid(string name, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var message = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        return new AdmissionResponse(false, 422, "Invalid", message, errors.Select(e => new AdmissionCause(e.Path, e.Message)).ToList(),
            Subject: new AdmissionSubject(KruiseGroups.Apps, "CloneSet", name));
    }

    // Only CREATE and UPDATE of the CloneSet itself are checked (not its status or scale).
    private static AdmissionResponse? Unchecked(AdmissionRequest request)
    {
        if (request.Operation is not ("CREATE" or "UPDATE") || request.SubResource.Length > 0)
            return AdmissionResponse.Allow();
        if (request.Group != KruiseGroups.Apps || request.Kind != "CloneSet")
            return AdmissionResponse.BadRequest($"this webhook admits apps.kruise.io CloneSets, not {request.Kind}.{request.Group}");
        return null;
    }

    /// <summary>The CloneSet in the review, or the 400 that says why it cannot be read.</summary>
    private static (CloneSet? CloneSet, AdmissionResponse? Failure) Decode(JsonObject? json, string field)
    {
        if (json is null)
            return (null, AdmissionResponse.BadRequest($"the review carries no {field}"));
        try
        {
            return KubernetesJson.Deserialize<CloneSet>(json.ToJsonString()) is { } cloneSet
                ? (cloneSet, null)
                : (null, AdmissionResponse.BadRequest($"request.{field} is not a CloneSet"));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return (null, AdmissionResponse.BadRequest($"request.{field} is not a CloneSet: {e.Message}"));
        }
    }
}
