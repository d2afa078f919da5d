using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Faults;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>The verbs on a resource URL: get, list, watch, create, update, patch, delete, deletecollection.</summary>
public sealed class ResourceEndpoints(ResourceService service, WatchEndpoint watch, TableOutput tables, FaultInjector faults)
{
    public async Task Handle(HttpContext context, ApiPath path)
    {
        var type = path.ResolveIn(service.Registry);
        if (type.Namespaced == false && path.Namespace is not null)
            throw new ApiException(System.Net.HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
        var request = context.Request;
        var ct = context.RequestAborted;
        var isWatch = QueryOptions.Flag(request, "watch");
        TimeSpan? watchLifetime = null;
        if (FaultRequest.VerbOf(request.Method, path.Name is not null, isWatch) is { } verb)
        {
            var fault = await faults.Admit(context, new FaultRequest(verb, type.Group, type.Plural, path.Subresource, path.Name)).ConfigureAwait(false);
            if (fault.Error is not null)
                return;
            watchLifetime = fault.WatchLifetime;
        }
        switch (request.Method, path.Name, path.Subresource)
        {
            case ("GET", null, _) when isWatch:
                await watch.Serve(context, type, path, watchLifetime, faults.WatchCut).ConfigureAwait(false);
                break;
            case ("GET", null, _):
                await List(context, type, path).ConfigureAwait(false);
                break;
            case ("GET", { } name, "scale"):
                await Responses.WriteJson(context, Scales.ToScale(type, service.Get(type, path.Namespace, name))).ConfigureAwait(false);
                break;
            case ("GET", { } name, _):
                await WriteObject(context, type, service.Get(type, path.Namespace, name)).ConfigureAwait(false);
                break;
            case ("POST", null, null):
            {
                var options = QueryOptions.Write(request);
                var body = await RequestBody.ReadObject(request, ct).ConfigureAwait(false);
                var created = await service.Create(type, path.Namespace, body, options, ct).ConfigureAwait(false);
                QueryOptions.AddWarnings(context.Response, options);
                await WriteObject(context, type, created, 201).ConfigureAwait(false);
                break;
            }
            case ("POST", { } name, "binding") when type.Plural == "pods":
                await PodSubresources.Bind(context, service, type, path.Namespace, name).ConfigureAwait(false);
                break;
            case ("POST", { } name, "eviction") when type.Plural == "pods":
                await PodSubresources.Evict(context, service, type, path.Namespace, name).ConfigureAwait(false);
                break;
            case ("PUT", { } name, var sub):
                await Put(context, type, path.Namespace, name, sub).ConfigureAwait(false);
                break;
            case ("PATCH", { } name, var sub):
                await Patch(context, type, path.Namespace, name, sub).ConfigureAwait(false);
                break;
            case ("DELETE", { } name, null):
                await Delete(context, type, path.Namespace, name).ConfigureAwait(false);
                break;
            case ("DELETE", null, null):
                await DeleteCollection(context, type, path).ConfigureAwait(false);
                break;
            default:
                throw Responses.MethodNotAllowed(request.Method);
        }
    }

    private async Task List(HttpContext context, ResourceType type, ApiPath path)
    {
        var filter = ObjectFilter.From(context.Request, type);
        var compacted = service.Store.CompactedThrough;
        CheckExactVersion(context.Request, compacted);
        var (all, resourceVersion) = service.Store.List(type.Key, path.Namespace);
        var items = filter.IsEmpty ? all : all.Where(filter.Matches).ToList();
        var (page, next) = Paging.Page(items, context.Request, resourceVersion, compacted);
        if (QueryOptions.WantsTable(context.Request))
        {
            await Responses.WriteJson(context, tables.Render(type, page, resourceVersion, context.Request, includeDefinitions: true, next)).ConfigureAwait(false);
            return;
        }
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = Responses.Json;
        var header = new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = next is null
                ? new JsonObject { ["resourceVersion"] = Rv(resourceVersion) }
                : new JsonObject { ["resourceVersion"] = Rv(resourceVersion), ["continue"] = next },
        }.ToJsonString();
        // Stream the stored bytes of each item instead of building one big document. Items go into
        // the body's pipe and are flushed every 64 KiB: Kestrel flushes on every Body.WriteAsync,
        // which sent one frame (and TLS record) per item.
        var body = response.BodyWriter;
        body.Write(Encoding.UTF8.GetBytes(header[..^1] + ",\"items\":["));
        long unflushed = 0;
        for (var i = 0; i < page.Count; i++)
        {
            if (i > 0)
                body.Write(","u8);
            var item = Versioned(type, page[i]);
            body.Write(item);
            unflushed += item.Length;
            if (unflushed >= 64 * 1024)
            {
                unflushed = 0;
                await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        body.Write("]}"u8);
        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private async Task Put(HttpContext context, ResourceType type, string? ns, string name, string? subresource)
    {
        var options = QueryOptions.Write(context.Request);
        var body = await RequestBody.ReadObject(context.Request, context.RequestAborted).ConfigureAwait(false);
        StoredObject stored;
        if (subresource == "scale")
        {
            var replicas = Scales.Replicas(body);
            stored = await service.Update(type, ns, name, current => Scales.WithReplicas(type, current, replicas, body), "scale", options, context.RequestAborted).ConfigureAwait(false);
            await Responses.WriteJson(context, Scales.ToScale(type, stored)).ConfigureAwait(false);
            return;
        }
        CheckSubresource(type, subresource);
        // Each attempt gets its own copy: the update changes the object it is given.
        stored = await service.Update(type, ns, name, _ => (JsonObject)body.DeepClone(), subresource, options, context.RequestAborted).ConfigureAwait(false);
        QueryOptions.AddWarnings(context.Response, options);
        await WriteObject(context, type, stored).ConfigureAwait(false);
    }

    private async Task Patch(HttpContext context, ResourceType type, string? ns, string name, string? subresource)
    {
        var options = QueryOptions.Write(context.Request);
        var patch = await RequestBody.Read(context.Request, context.RequestAborted).ConfigureAwait(false);
        var apply = Patches.For(context.Request.ContentType, type, patch);
        if (subresource == "scale")
        {
            var scaled = await service.Update(type, ns, name, current =>
            {
                var scale = apply(Scales.ToScale(type, current));
                return Scales.WithReplicas(type, current, Scales.Replicas(scale), scale);
            }, "scale", options, context.RequestAborted).ConfigureAwait(false);
            await Responses.WriteJson(context, Scales.ToScale(type, scaled)).ConfigureAwait(false);
            return;
        }
        CheckSubresource(type, subresource);
        // Every patch algorithm returns a patched copy and leaves its input alone, so the stored object is patched as it is.
        var stored = await service.Update(type, ns, name, current => apply(current.Object), subresource, options, context.RequestAborted).ConfigureAwait(false);
        QueryOptions.AddWarnings(context.Response, options);
        await WriteObject(context, type, stored).ConfigureAwait(false);
    }

    private async Task Delete(HttpContext context, ResourceType type, string? ns, string name)
    {
        JsonObject? body = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            body = await RequestBody.ReadObject(context.Request, context.RequestAborted).ConfigureAwait(false);
        var (stored, deleted) = await service.Delete(type, ns, name, QueryOptions.Delete(context.Request, body), context.RequestAborted).ConfigureAwait(false);
        await WriteObject(context, type, stored, deleted ? 200 : 202).ConfigureAwait(false);
    }

    private async Task DeleteCollection(HttpContext context, ResourceType type, ApiPath path)
    {
        var filter = ObjectFilter.From(context.Request, type);
        var options = QueryOptions.Delete(context.Request, null);
        var deleted = new JsonArray();
        foreach (var item in service.Store.List(type.Key, path.Namespace).Items.Where(filter.Matches))
        {
            try
            {
                var (stored, _) = await service.Delete(type, path.Namespace ?? (item.Namespace.Length > 0 ? item.Namespace : null), item.Name, options, context.RequestAborted).ConfigureAwait(false);
                deleted.Add(stored.CloneObject());
            }
            catch (ApiException e) when (e.Reason == "NotFound")
            {
            }
        }
        await Responses.WriteJson(context, new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(service.Store.ResourceVersion) },
            ["items"] = deleted,
        }).ConfigureAwait(false);
    }

    private async Task WriteObject(HttpContext context, ResourceType type, StoredObject stored, int status = 200)
    {
        if (QueryOptions.WantsTable(context.Request) && context.Request.Method == "GET")
        {
            await Responses.WriteJson(context, tables.Render(type, [stored], stored.ResourceVersion, context.Request, includeDefinitions: true, null)).ConfigureAwait(false);
            return;
        }
        await Responses.WriteBytes(context, Versioned(type, stored), status).ConfigureAwait(false);
    }

    /// <summary>The stored bytes, relabelled when the request names another served version of the resource.</summary>
    public static byte[] Versioned(ResourceType type, StoredObject stored)
    {
        if (type.Version == type.StorageVersion)
            return stored.Json;
        var copy = stored.CloneObject();
        copy["apiVersion"] = type.ApiVersion;
        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    /// <summary>
    /// resourceVersionMatch=Exact reads at that revision, which a compaction removed: 410 Expired,
    /// as etcd answers. (The default, NotOlderThan, is served from the current state whatever the version.)
    /// </summary>
    private static void CheckExactVersion(HttpRequest request, long compactedThrough)
    {
        if (request.Query["resourceVersionMatch"].FirstOrDefault() != "Exact")
            return;
        if (QueryOptions.Long(request, "resourceVersion") is { } exact && exact < compactedThrough)
            throw new ApiException(System.Net.HttpStatusCode.Gone, "Expired", $"too old resource version: {exact} ({compactedThrough + 1})");
    }

    private static void CheckSubresource(ResourceType type, string? subresource)
    {
        var known = subresource is null || (subresource == "status" && type.HasStatus) || (subresource == "finalize" && type.ExtraSubresources.Contains("finalize"));
        if (!known)
            throw new ApiException(System.Net.HttpStatusCode.NotFound, "NotFound", $"the server could not find the requested resource ({type.Plural}/{subresource})");
    }

    private static string Rv(long value) => value.ToString(CultureInfo.InvariantCulture);
}
