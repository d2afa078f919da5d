using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>
/// How a webhook's serving certificate is verified: chained to the PEM roots of clientConfig.caBundle
/// (or the system roots when it is empty) and issued for the host the request names. Verification
/// is never skipped; a failure is raised with Go's wording so the call error reads like the apiserver's.
/// </summary>
internal sealed class WebhookTrust
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2Collection? _roots;

    private WebhookTrust(string key, X509Certificate2Collection? roots)
    {
        Key = key;
        _roots = roots;
    }

    /// <summary>Identifies the trust (a hash of the caBundle), for pooling clients.</summary>
    public string Key { get; }

    public static WebhookTrust From(WebhookSpec hook)
    {
        var bundle = hook.ClientConfig.CaBundle;
        if (bundle is null || bundle.Length == 0)
            return new WebhookTrust("system", null);
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(Encoding.UTF8.GetString(bundle));
        }
        catch (CryptographicException)
        {
            roots.Clear();
        }
        if (roots.Count == 0)
            throw new WebhookCallException(hook.Name, "could not get REST client: unable to load root certificates: unable to parse bytes as PEM block");
        return new WebhookTrust(Convert.ToHexString(SHA256.HashData(bundle)), roots);
    }

    public bool Verify(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            throw new AuthenticationException("tls: the server presented no certificate");
        var host = (sender as SslStream)?.TargetHostName ?? "";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            throw new AuthenticationException($"tls: failed to verify certificate: x509: certificate is not valid for {host}");
        if (_roots is null)
            return errors == SslPolicyErrors.None
                ? true
                : throw new AuthenticationException("tls: failed to verify certificate: x509: certificate signed by unknown authority");
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        // Intermediates the server sent along may complete the path to the bundle's roots.
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        using var leaf = new X509Certificate2(certificate);
        if (custom.Build(leaf))
            return true;
        var status = string.Join(", ", custom.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        throw new AuthenticationException($"tls: failed to verify certificate: x509: certificate signed by unknown authority ({status})");
    }
}
