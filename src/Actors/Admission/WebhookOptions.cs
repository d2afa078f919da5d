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
