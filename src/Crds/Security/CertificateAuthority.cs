using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kruise.Actors.Crds.Security;

/// <summary>
/// A private CA that signs serving certificates. kubectl sends its bearer token only over
/// HTTPS, so the embedded API server and the controller's admission webhooks need certificates
/// that clients can verify against a CA written into the kubeconfig or a caBundle. It lives here,
/// in the one assembly both reference.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private CertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Loads the CA from <paramref name="folder"/>, creating it on first use.</summary>
    public static CertificateAuthority LoadOrCreate(string folder, string commonName = "kruise-actors-ca")
    {
        var certPath = Path.Combine(folder, "ca.crt");
        var keyPath = Path.Combine(folder, "ca.key");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            try
            {
                return new CertificateAuthority(X509Certificate2.CreateFromPem(File.ReadAllText(certPath), File.ReadAllText(keyPath)));
            }
            catch (CryptographicException e)
            {
                throw new InvalidDataException($"{certPath} and {keyPath} are not a PEM certificate and its key ({e.Message.TrimEnd('.')}); they were left as they are", e);
            }
        }

        using var created = Create(commonName);
        Directory.CreateDirectory(folder);
        using (var key = created.Certificate.GetECDsaPrivateKey()!)
            WritePrivate(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certPath, created.CertificatePem);
        return new CertificateAuthority(X509Certificate2.CreateFromPem(File.ReadAllText(certPath), File.ReadAllText(keyPath)));
    }

    /// <summary>A CA from its PEM certificate and PKCS#8 key (the controller's webhooks keep theirs in a Secret).</summary>
    public static CertificateAuthority FromPem(string certificatePem, string keyPem) =>
        new(X509Certificate2.CreateFromPem(certificatePem, keyPem));

    /// <summary>The CA's private key as PKCS#8 PEM, to store it beside the certificate.</summary>
    public string ExportKeyPem()
    {
        using var key = Certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the CA certificate carries no ECDSA key");
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>A new CA kept only in memory, valid for <paramref name="lifetime"/> (10 years unless given).</summary>
    public static CertificateAuthority Create(string commonName = "kruise-actors-ca", TimeSpan? lifetime = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), lifetime is { } span ? now.Add(span) : now.AddYears(10));
        return new CertificateAuthority(X509Certificate2.CreateFromPem(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem()));
    }

    /// <summary>A serving certificate for the given DNS names and IPs, signed by this CA.</summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, TimeSpan? lifetime = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var names = dnsNames.ToList();
        var request = new CertificateRequest($"CN={names.FirstOrDefault() ?? "localhost"}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
            san.AddDnsName(name);
        foreach (var address in addresses)
            san.AddIpAddress(address);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(Certificate, now.AddMinutes(-5), now.Add(lifetime ?? TimeSpan.FromDays(365)), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose() => Certificate.Dispose();
}
