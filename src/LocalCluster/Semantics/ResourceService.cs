using System.Net;
using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Validation;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>
/// The API server's object semantics over the store: create, update (main resource and status),
/// delete with finalizers and graceful pod deletion, generation, optimistic concurrency, and the
/// admission chain. HTTP handlers and in-process built-in controllers both write through here.
/// </summary>
public sealed class ResourceService(ObjectStore store, ResourceRegistry registry, TimeProvider clock, IReadOnlyList<IAdmissionStep> admission)
{
    private const int MaxConflictRetries = 20;

    public ObjectStore Store => store;
    public ResourceRegistry Registry => registry;
    public TimeProvider Clock => clock;

    public StoredObject Get(ResourceType type, string? ns, string name) =>
        store.Get(type.Key, ns ?? "", name) ?? throw ObjectStore.NotFound(type.Key, name);

    public async Task<StoredObject> Create(ResourceType type, string? ns, JsonObject obj, WriteOptions options, CancellationToken cancellationToken = default)
    {
        var decoded = options.Trusted ? null : BuiltinDecoding.Check(type, obj);
        CheckTypeMeta(type, obj);
        var metadata = ObjectMeta.Metadata(obj);
        ns = ResolveNamespace(type, ns, metadata);
        if (type.Namespaced)
            CheckNamespaceAcceptsContent(ns!);
        if (string.IsNullOrEmpty(ObjectMeta.Name(obj)) && JsonRead.AsString(metadata["generateName"]) is { Length: > 0 } prefix)
            metadata["name"] = prefix + NameSuffix();
        ValidateName(type, ObjectMeta.Name(obj));

        foreach (var managed in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields" })
            metadata.Remove(managed);
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectMeta.Timestamp(clock.GetUtcNow());
        if (type.HasGeneration)
            metadata["generation"] = 1;
        // Status belongs to controllers: a create may not set it (nodes excepted: kubelets register with theirs).
        if (type.HasStatus && type.Plural != "nodes")
            obj.Remove("status");
        BuiltinRules.OnCreate(type, obj, this, decoded);
        obj = CustomResourceSchema.PruneAndDefault(type, obj, options);

        var request = new AdmissionRequest { Operation = "CREATE", Type = type, Object = obj, Options = options };
        await Admit(request, cancellationToken).ConfigureAwait(false);
        if (options.DryRun)
        {
            // A dry run stores nothing but answers as the write would, an existing name included.
            if (store.Get(type.Key, ns ?? "", ObjectMeta.Name(request.Object) ?? "") is not null)
                throw ObjectStore.AlreadyExists(type.Key, ObjectMeta.Name(request.Object) ?? "");
            return new StoredObject(request.Object, store.ResourceVersion);
        }
        var stored = await store.Create(type.Key, request.Object).ConfigureAwait(false);
        BuiltinRules.AfterWrite(type, stored, this);
        return stored;
    }

    /// <summary>
    /// Read-modify-write with retries, as the apiserver's GuaranteedUpdate: <paramref name="produce"/>
    /// gets the current object and returns the desired one, a new object on every call that the
    /// update takes over (and changes). If the desired object names a resourceVersion other than the
    /// current one, that is a 409; a write that meets another one between reading and storing is
    /// produced again from the fresh object.
    /// </summary>
    public async Task<StoredObject> Update(ResourceType type, string? ns, string name, Func<StoredObject, JsonObject> produce,
        string? subresource, WriteOptions options, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = Get(type, ns, name);
            var desired = produce(current);
            if (!options.Trusted)
                BuiltinDecoding.Check(type, desired);
            CheckTypeMeta(type, desired);
            var precondition = ObjectStore.ResourceVersionOf(desired);
            if (precondition != 0 && precondition != current.ResourceVersion)
                throw ObjectStore.Conflict(type.Key, name);
            var next = CustomResourceSchema.PruneAndDefault(type, Merge(type, current, desired, subresource), options);
            if (Unchanged(next, current.Object, subresource))
                return current;
            var request = new AdmissionRequest { Operation = "UPDATE", Type = type, Subresource = subresource, Object = next, OldObject = current.Object, Options = options };
            await Admit(request, cancellationToken).ConfigureAwait(false);
            next = request.Object;
            if (options.DryRun)
                return new StoredObject(next, current.ResourceVersion);
            try
            {
                if (DeletionRules.ShouldDeleteDuringUpdate(type, current.Object, next))
                    return await Remove(type, current, cancellationToken).ConfigureAwait(false);
                var stored = await store.Update(type.Key, next, current.ResourceVersion).ConfigureAwait(false);
                BuiltinRules.AfterWrite(type, stored, this);
                return stored;
            }
            catch (ApiException e) when (e.Reason == "Conflict" && attempt < MaxConflictRetries)
            {
                // Someone wrote in between: read again and produce again. A version the caller
                // pinned is checked against the fresh object at the top, so a stale one is still a
                // 409; one the produce took from the object it was given (a patch) is not stale.
            }
        }
    }

    /// <summary>Delete honouring finalizers, propagation policy and graceful pod termination. Returns the object and whether it is gone.</summary>
    public Task<(StoredObject Object, bool Deleted)> Delete(ResourceType type, string? ns, string name, DeleteOptions options, CancellationToken cancellationToken = default) =>
        Delete(type, ns, name, options, admit: true, cancellationToken);

    /// <summary>
    /// Delete; <paramref name="admit"/> false skips DELETE admission, for pods/eviction, whose
    /// request was admitted as an Eviction create (the apiserver deletes with ValidateAllObjectFunc).
    /// </summary>
    internal async Task<(StoredObject Object, bool Deleted)> Delete(ResourceType type, string? ns, string name, DeleteOptions options, bool admit, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = Get(type, ns, name);
            if (options.PreconditionUid is { } uid && uid != ObjectMeta.Uid(current.Object))
                throw new ApiException(HttpStatusCode.Conflict, "Conflict", $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectMeta.Uid(current.Object)}");
            if (options.PreconditionResourceVersion is { } rv && rv != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
                throw ObjectStore.Conflict(type.Key, name);
            if (admit)
                await AdmitDelete(type, current, options, cancellationToken).ConfigureAwait(false);
            var plan = DeletionRules.Plan(type, current.Object, options, clock.GetUtcNow());
            if (options.DryRun)
                return (current, plan is null);
            try
            {
                if (plan is null)
                    return (await Remove(type, current, cancellationToken).ConfigureAwait(false), true);
                if (JsonNode.DeepEquals(plan, current.Object))
                    return (current, false);
                var stored = await store.Update(type.Key, plan, current.ResourceVersion).ConfigureAwait(false);
                return (stored, false);
            }
            catch (ApiException e) when (e.Reason == "Conflict" && attempt < MaxConflictRetries)
            {
            }
        }
    }

    private async Task<StoredObject> Remove(ResourceType type, StoredObject current, CancellationToken cancellationToken)
    {
        var last = await store.Delete(type.Key, current.Namespace, current.Name, current.ResourceVersion).ConfigureAwait(false);
        await BuiltinRules.AfterDelete(type, last, this, cancellationToken).ConfigureAwait(false);
        return last;
    }

    private static JsonObject Merge(ResourceType type, StoredObject current, JsonObject desired, string? subresource)
    {
        JsonObject next;
        if (subresource == "status")
        {
            // The desired status is this update's own (see Update), so it is taken over, and the
            // current one is not copied only to be replaced: a kubelet's status write per pod start.
            var status = desired["status"];
            desired.Remove("status");
            next = CloneReplacing(current.Object, "status", status);
        }
        else if (subresource == "finalize")
        {
            // namespaces/{name}/finalize changes spec.finalizers and nothing else.
            next = current.CloneObject();
            var spec = next["spec"] as JsonObject ?? [];
            spec.Remove("finalizers");
            if (desired["spec"]?["finalizers"] is JsonArray { Count: > 0 } finalizers)
                spec["finalizers"] = finalizers.DeepClone();
            next["spec"] = spec;
        }
        else
        {
            // The desired object is this update's own (see Update), so it is changed in place.
            next = desired;
            // pods/binding writes spec.nodeName and the PodScheduled condition in one update.
            if (type.HasStatus && subresource != "binding")
            {
                next.Remove("status");
                if (current.Object["status"] is { } status)
                    next["status"] = status.DeepClone();
            }
        }
        var before = current.Object["metadata"] as JsonObject ?? [];
        var metadata = ObjectMeta.Metadata(next);
        var name = JsonRead.AsString(metadata["name"]);
        if (name != current.Name)
            throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({current.Name})");
        if (JsonRead.AsString(metadata["uid"]) is { } uid && uid != JsonRead.AsString(before["uid"]))
            throw new ApiException(HttpStatusCode.Conflict, "Conflict", $"Precondition failed: UID in precondition: {uid}, UID in object meta: {before["uid"]}");
        foreach (var managed in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace" })
        {
            if (before[managed] is { } value)
                metadata[managed] = value.DeepClone();
            else
                metadata.Remove(managed);
        }
        metadata.Remove("resourceVersion");
        metadata.Remove("managedFields");
        metadata["resourceVersion"] = current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (ObjectMeta.IsDeleting(current.Object))
        {
            var added = ObjectMeta.Finalizers(next).Except(ObjectMeta.Finalizers(current.Object)).ToList();
            if (added.Count > 0)
                throw ApiException.Invalid(CustomResourceSchema.QualifiedKind(type), current.Name, [new("FieldValueForbidden", "metadata.finalizers", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{\"{string.Join("\", \"", added)}\"}}")]);
        }
        // Defaults first, so a write that merely omits defaulted fields is no spec change.
        if (subresource is null or "scale")
            BuiltinRules.OnUpdate(type, current.Object, next);
        if (type.HasGeneration && ObjectMeta.SpecChanged(current.Object, next, ignoreStatus: type.HasStatus))
            metadata["generation"] = JsonRead.Int(before, "generation") + 1;
        return next;
    }

    // A status write changes the status if anything (the rest was copied from the current
    // object), so that is compared first and the whole object only when it is the same.
    private static bool Unchanged(JsonObject next, JsonObject current, string? subresource) =>
        (subresource != "status" || JsonNode.DeepEquals(next["status"], current["status"])) && JsonNode.DeepEquals(next, current);

    // A deep copy with one property's value replaced (in its place, so the JSON keeps its order) or added last.
    private static JsonObject CloneReplacing(JsonObject obj, string name, JsonNode? value)
    {
        var copy = new JsonObject();
        var replaced = false;
        foreach (var (key, child) in obj)
        {
            if (key == name)
            {
                copy[key] = value;
                replaced = true;
            }
            else
            {
                copy[key] = child?.DeepClone();
            }
        }
        if (!replaced)
            copy[name] = value;
        return copy;
    }

    private async Task Admit(AdmissionRequest request, CancellationToken cancellationToken)
    {
        foreach (var step in admission.Where(s => s.Mutating))
            await step.Admit(request, cancellationToken).ConfigureAwait(false);
        CustomResourceSchema.Validate(request.Type, request.Object);
        foreach (var step in admission.Where(s => !s.Mutating))
            await step.Admit(request, cancellationToken).ConfigureAwait(false);
    }

    // DELETE is admitted by validating steps only, with the object being deleted, as the
    // apiserver's deleteValidation (mutating admission never sees a delete).
    private async Task AdmitDelete(ResourceType type, StoredObject current, DeleteOptions options, CancellationToken cancellationToken)
    {
        var request = new AdmissionRequest
        {
            Operation = "DELETE",
            Type = type,
            Object = current.Object,
            OldObject = current.Object,
            Options = new WriteOptions { DryRun = options.DryRun },
            DeleteOptions = options,
        };
        foreach (var step in admission.Where(s => !s.Mutating))
            await step.Admit(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Admission of a create on a subresource that is not stored itself (pods/eviction): mutating
    /// then validating steps see <paramref name="obj"/> (the posted Eviction) under the parent
    /// resource; returns the object as mutating steps left it.
    /// </summary>
    public async Task<JsonObject> AdmitSubresourceCreate(ResourceType type, string ns, string name, string subresource, JsonObject obj, WriteOptions options, CancellationToken cancellationToken = default)
    {
        // The request names the object, as the URL's name and namespace do for the apiserver.
        var metadata = ObjectMeta.Metadata(obj);
        metadata["namespace"] = ns;
        if (string.IsNullOrEmpty(ObjectMeta.Name(obj)))
            metadata["name"] = name;
        var request = new AdmissionRequest { Operation = "CREATE", Type = type, Subresource = subresource, Object = obj, Options = options };
        foreach (var step in admission.Where(s => s.Mutating))
            await step.Admit(request, cancellationToken).ConfigureAwait(false);
        foreach (var step in admission.Where(s => !s.Mutating))
            await step.Admit(request, cancellationToken).ConfigureAwait(false);
        return request.Object;
    }

    private static void CheckTypeMeta(ResourceType type, JsonObject obj)
    {
        // BuiltinDecoding.Check has already refused non-string values.
        var apiVersion = JsonRead.AsString(obj["apiVersion"]);
        var kind = JsonRead.AsString(obj["kind"]);
        if (kind is not null && kind != type.Kind)
            throw ApiException.BadRequest($"the kind of the object ({kind}) does not match the resource ({type.Plural}, kind {type.Kind})");
        if (apiVersion is not null && apiVersion != type.ApiVersion
            && !(type.Group.Length > 0 && apiVersion.StartsWith(type.Group + "/", StringComparison.Ordinal)))
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        obj["apiVersion"] = type.Group.Length == 0 ? type.StorageVersion : $"{type.Group}/{type.StorageVersion}";
        obj["kind"] = type.Kind;
    }

    private static string? ResolveNamespace(ResourceType type, string? ns, JsonObject metadata)
    {
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return null;
        }
        var declared = JsonRead.AsString(metadata["namespace"]);
        if (ns is null)
            throw ApiException.BadRequest($"{type.Plural} is namespaced: create it under /namespaces/<namespace>/");
        if (!string.IsNullOrEmpty(declared) && declared != ns)
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        metadata["namespace"] = ns;
        return ns;
    }

    private void CheckNamespaceAcceptsContent(string ns)
    {
        var namespaces = registry.Find("", "v1", "namespaces")!;
        var found = store.Get(namespaces.Key, "", ns)
            ?? throw new ApiException(HttpStatusCode.NotFound, "NotFound", $"namespaces \"{ns}\" not found");
        if (ObjectMeta.IsDeleting(found.Object))
            throw new ApiException(HttpStatusCode.Forbidden, "Forbidden", $"unable to create new content in namespace {ns} because it is being terminated");
    }

    private static void ValidateName(ResourceType type, string? name)
    {
        var valid = type.Plural == "namespaces" ? CommonValidation.IsDns1123Label(name) : CommonValidation.IsDns1123Subdomain(name)
            || (type.Group == "rbac.authorization.k8s.io" && !string.IsNullOrEmpty(name) && !name.Contains('/', StringComparison.Ordinal));
        if (string.IsNullOrEmpty(name))
            throw ApiException.Invalid(CustomResourceSchema.QualifiedKind(type), "", [new("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")]);
        if (!valid)
            throw ApiException.Invalid(CustomResourceSchema.QualifiedKind(type), name, [new("FieldValueInvalid", "metadata.name",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 {(type.Plural == "namespaces" ? "label" : "subdomain")} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character")]);
    }

    // The apiserver's generateName suffix: 5 characters from an alphabet without vowels or look-alikes.
    private static string NameSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(Enumerable.Range(0, 5).Select(_ => alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }
}
