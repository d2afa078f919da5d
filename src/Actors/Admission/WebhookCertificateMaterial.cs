using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kruise.Actors.Admission;

/// <summary>
/// The webhook certificates every replica shares, as PEM, in the form the Secret keeps them:
/// the CA (certificate and key, to issue serving certificates), the serving certificate and key,
/// and the caBundle the webhook configurations carry (the CA, plus the previous CA while a
/// rotation is under way).
/// </summary>
public sealed record WebhookCertificateMaterial(string CaCertificatePem, string CaKeyPem, string ServingCertificatePem, string ServingKeyPem, string CaBundlePem)
{
    public const string CaCertificateKey = "ca.crt";
    public const string CaKeyKey = "ca.key";
    public const string ServingCertificateKey = "tls.crt";
    public const string ServingKeyKey = "tls.key";
    public const string CaBundleKey = "ca-bundle.crt";

    public IReadOnlyDictionary<string, string> ToSecretData() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CaCertificateKey] = CaCertificatePem,
        [CaKeyKey] = CaKeyPem,
        [ServingCertificateKey] = ServingCertificatePem,
        [ServingKeyKey] = ServingKeyPem,
        [CaBundleKey] = CaBundlePem,
    };

    /// <summary>The material in a Secret's data, or why it cannot be used.</summary>
    public static (WebhookCertificateMaterial? Material, string? Problem) FromSecretData(IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var missing = new[] { CaCertificateKey, CaKeyKey, ServingCertificateKey, ServingKeyKey, CaBundleKey }
            .Where(k => !data.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
        if (missing.Count > 0)
            return (null, $"it has no {string.Join(", ", missing)}");
        var material = new WebhookCertificateMaterial(data[CaCertificateKey], data[CaKeyKey], data[ServingCertificateKey], data[ServingKeyKey], data[CaBundleKey]);
        try
        {
            material.Facts();
            using var serving = material.LoadServingCertificate();
        }
        catch (CryptographicException e)
        {
            return (null, $"its certificates or keys are not valid PEM ({e.Message.TrimEnd('.')})");
        }
        return (material, null);
    }

    /// <summary>Validity, names and issuer of the certificates, for <see cref="WebhookCertificatePlanner"/>.</summary>
    public WebhookCertificateFacts Facts()
    {
        using var ca = X509Certificate2.CreateFromPem(CaCertificatePem);
        using var serving = X509Certificate2.CreateFromPem(ServingCertificatePem);
        return new WebhookCertificateFacts(
            ca.NotBefore.ToUniversalTime(), ca.NotAfter.ToUniversalTime(),
            serving.NotBefore.ToUniversalTime(), serving.NotAfter.ToUniversalTime(),
            Names(serving), SignedBy(serving, ca));
    }

    /// <summary>The serving certificate with its key, ready for Kestrel.</summary>
    public X509Certificate2 LoadServingCertificate()
    {
        using var withKey = X509Certificate2.CreateFromPem(ServingCertificatePem, ServingKeyPem);
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The certificates of <paramref name="bundlePem"/>, for clients that verify the webhooks against it.</summary>
    public static X509Certificate2Collection ParseBundle(string bundlePem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(bundlePem);
        return collection;
    }

    private static HashSet<string> Names(X509Certificate2 certificate)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.UnionWith(extension.EnumerateDnsNames());
            names.UnionWith(extension.EnumerateIPAddresses().Select(a => a.ToString()));
        }
        return names;
    }

    private static bool SignedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Expiry is the planner's question; here only the signature counts.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(certificate) && chain.ChainElements[^1].Certificate.Thumbprint == ca.Thumbprint;
    }

    /// <summary>Splits names into the DNS names and IP addresses of a SubjectAlternativeName.</summary>
    public static (IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses) SplitNames(IEnumerable<string> names)
    {
        var dns = new List<string>();
        var addresses = new List<IPAddress>();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
                addresses.Add(address);
            else
                dns.Add(name);
        }
        return (dns, addresses);
    }

    internal static string Bundle(params IEnumerable<string> pems) =>
        string.Join("", pems.Select(p => p.Trim() + "\n"));
}
