using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>
/// Where to send a webhook's request: the URL (whose host is also the name its certificate must
/// carry) and, for a service, the address actually connected to.
/// </summary>
internal sealed record WebhookTarget(Uri Url, IPEndPoint? ConnectTo);

/// <summary>
/// Turns clientConfig into a target. A url is used as is. A service is addressed as
/// https://name.namespace.svc:port/path, as the apiserver does, so TLS verifies that name; the
/// connection goes to an address that works on a single machine with no cluster network:
/// the first ready address of the service's Endpoints with the endpoint port that serves the
/// service port (its targetPort); without Endpoints, the service's clusterIP if it is an address
/// of this machine, else 127.0.0.1 at the service port, for a webhook server run locally and
/// listening on the port the service declares.
/// </summary>
internal sealed class WebhookTargets(ObjectStore store)
{
    private static readonly StorageKey Services = new("", "services");
    private static readonly StorageKey Endpoints = new("", "endpoints");

    public WebhookTarget Resolve(WebhookSpec hook)
    {
        var config = hook.ClientConfig;
        if (!string.IsNullOrEmpty(config.Url))
        {
            if (!Uri.TryCreate(config.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
                throw new WebhookCallException(hook.Name, $"invalid url \"{config.Url}\": webhook URLs must use https");
            return new WebhookTarget(url, null);
        }
        if (config.Service is not { } service)
            throw new WebhookCallException(hook.Name, "clientConfig has neither url nor service");
        return ResolveService(hook.Name, service);
    }

    private WebhookTarget ResolveService(string webhook, Admissionregistrationv1ServiceReference reference)
    {
        var ns = reference.NamespaceProperty ?? "";
        var port = reference.Port ?? 443;
        var path = string.IsNullOrEmpty(reference.Path) ? "/" : reference.Path;
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{reference.Name}.{ns}.svc:{port}{(path.StartsWith('/') ? "" : "/")}{path}"));
        var service = store.Get(Services, ns, reference.Name ?? "")?.Object
            ?? throw new WebhookCallException(webhook, $"failed to call webhook: service \"{reference.Name}\" not found");
        var servicePort = JsonRead.Objects(service, "spec", "ports").FirstOrDefault(p => JsonRead.Int(p, "port") == port)
            ?? throw new WebhookCallException(webhook, $"failed to call webhook: service {ns}/{reference.Name} has no port {port}");
        if (FromEndpoints(ns, reference.Name ?? "", servicePort) is { } endpoint)
            return new WebhookTarget(url, endpoint);
        var clusterIp = IPAddress.TryParse(JsonRead.Str(service, "spec", "clusterIP"), out var ip) ? ip : null;
        var host = clusterIp is not null && IsLocal(clusterIp) ? clusterIp : IPAddress.Loopback;
        return new WebhookTarget(url, new IPEndPoint(host, port));
    }

    private IPEndPoint? FromEndpoints(string ns, string name, JsonObject servicePort)
    {
        var endpoints = store.Get(Endpoints, ns, name)?.Object;
        var portName = JsonRead.Str(servicePort, "name");
        foreach (var subset in JsonRead.Objects(endpoints, "subsets"))
        {
            var address = JsonRead.Objects(subset, "addresses")
                .Select(a => IPAddress.TryParse(JsonRead.Str(a, "ip"), out var ip) ? ip : null)
                .FirstOrDefault(ip => ip is not null);
            if (address is null)
                continue;
            // The endpoints controller names each endpoint port after the service port it serves.
            var ports = JsonRead.Objects(subset, "ports").ToList();
            var match = ports.FirstOrDefault(p => JsonRead.Str(p, "name") == portName) ?? (ports.Count == 1 ? ports[0] : null);
            var number = match is not null ? JsonRead.Int(match, "port") : TargetPort(servicePort);
            if (number > 0)
                return new IPEndPoint(address, (int)number);
        }
        return null;
    }

    private static long TargetPort(JsonObject servicePort) =>
        JsonRead.IntOrNull(servicePort, "targetPort") ?? JsonRead.Int(servicePort, "port");

    private static bool IsLocal(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
            return true;
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Any(a => a.Address.Equals(address));
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }
}
