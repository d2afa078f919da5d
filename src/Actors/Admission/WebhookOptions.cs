using System.Globalization;

namespace Kruise.Actors.Admission;

/// <summary>
/// How the controller serves its admission webhooks and how the API server reaches them: by URL
/// (https://Host:Port, for `up` and a local `run`) or through a Service (in-cluster replicas).
/// </summary>
public sealed record WebhookOptions
{
    public const int DefaultPort = 9443;

    /// <summary>HTTPS port the webhooks listen on; 0 picks a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>URL mode: the address (IP or DNS name) the API server calls, which the serving certificate names.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Service mode (in-cluster): the Service in front of the replicas; null = URL mode.</summary>
    public WebhookService? Service { get; init; }

    /// <summary>Seconds the API server waits for an answer before failurePolicy applies (1-30).</summary>
    public int TimeoutSeconds { get; init; } = 10;

    /// <summary>The Secret holding the CA and serving certificate every replica shares.</summary>
    public WebhookSecret Secret { get; init; } = WebhookSecret.Default;

    public WebhookCertificateLifetimes Lifetimes { get; init; } = WebhookCertificateLifetimes.Default;

    /// <summary>How often a replica reads the Secret (renewing what is due) and the registrar re-checks the configurations.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The names the API server may call this replica by, which the serving certificate must carry.</summary>
    public IReadOnlyList<string> CertificateNames =>
        Service is { } service ? service.DnsNames
        : System.Net.IPAddress.TryParse(Host, out var address) ? ["localhost", address.ToString()]
        : [Host];
}

/// <summary>Namespace and name of the webhook certificate Secret.</summary>
public sealed record WebhookSecret(string Namespace, string Name)
{
    public const string DefaultName = "kruise-actors-webhook-certs";
    public const string DefaultNamespace = "kruise-system";

    public static readonly WebhookSecret Default = new(DefaultNamespace, DefaultName);

    /// <summary>In a cluster the controller's own namespace (POD_NAMESPACE, from the downward API), else kruise-system.</summary>
    public static WebhookSecret ForNamespace(string? podNamespace) =>
        new(string.IsNullOrWhiteSpace(podNamespace) ? DefaultNamespace : podNamespace.Trim(), DefaultName);

    /// <summary>Reads NAMESPACE/NAME.</summary>
    public static WebhookSecret Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new FormatException($"'{text}' is not NAMESPACE/NAME");
        return new WebhookSecret(parts[0], parts[1]);
    }

    public override string ToString() => $"{Namespace}/{Name}";
}

/// <summary>A Service clientConfig: namespace, name and the service port (443 unless given).</summary>
public sealed record WebhookService(string Namespace, string Name, int Port = 443)
{
    /// <summary>The DNS names the API server may use for the Service; the serving certificate carries them all.</summary>
    public IReadOnlyList<string> DnsNames =>
        [$"{Name}.{Namespace}.svc", $"{Name}.{Namespace}.svc.cluster.local", $"{Name}.{Namespace}", Name];

    /// <summary>Reads NAMESPACE/NAME or NAMESPACE/NAME:PORT.</summary>
    public static WebhookService Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1)
            throw new FormatException($"'{text}' is not NAMESPACE/NAME[:PORT]");
        var ns = text[..slash];
        var name = text[(slash + 1)..];
        var port = 443;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (!int.TryParse(name[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
                throw new FormatException($"'{text}' has no valid port after ':' (1-65535)");
            name = name[..colon];
        }
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
            throw new FormatException($"'{text}' is not NAMESPACE/NAME[:PORT]");
        return new WebhookService(ns, name, port);
    }
}
