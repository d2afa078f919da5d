using System.Security.Cryptography.X509Certificates;
using Kruise.Actors.Crds.Security;

namespace Kruise.Actors.Admission;

/// <summary>How long the webhook certificates live; they are renewed after two thirds of it.</summary>
public sealed record WebhookCertificateLifetimes(TimeSpan Ca, TimeSpan Serving)
{
    public static readonly WebhookCertificateLifetimes Default = new(TimeSpan.FromDays(3650), TimeSpan.FromDays(365));
}

/// <summary>Makes the material a <see cref="WebhookCertificatePlan"/> asks for.</summary>
public static class WebhookCertificateIssuer
{
    public const string CaCommonName = "kruise-actors-webhook-ca";

    public static WebhookCertificateMaterial Issue(WebhookCertificatePlan plan, WebhookCertificateMaterial? current, WebhookCertificateLifetimes lifetimes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(lifetimes);
        return plan.Action switch
        {
            WebhookCertificateAction.Keep => current ?? throw new ArgumentException("nothing to keep", nameof(current)),
            WebhookCertificateAction.IssueServing when current is not null => Serving(current, plan.Names, lifetimes),
            _ => NewCa(current, plan.Names, lifetimes, now),
        };
    }

    private static WebhookCertificateMaterial Serving(WebhookCertificateMaterial current, IReadOnlyList<string> names, WebhookCertificateLifetimes lifetimes)
    {
        using var ca = CertificateAuthority.FromPem(current.CaCertificatePem, current.CaKeyPem);
        var (certificate, key) = IssueServing(ca, names, lifetimes);
        return current with { ServingCertificatePem = certificate, ServingKeyPem = key };
    }

    private static WebhookCertificateMaterial NewCa(WebhookCertificateMaterial? current, IReadOnlyList<string> names, WebhookCertificateLifetimes lifetimes, DateTimeOffset now)
    {
        using var ca = CertificateAuthority.Create(CaCommonName, lifetimes.Ca);
        var (certificate, key) = IssueServing(ca, names, lifetimes);
        var bundle = new List<string> { ca.CertificatePem };
        // Replicas still serving a certificate of the old CA stay trusted until they switch.
        if (current is not null && StillValid(current.CaCertificatePem, now))
            bundle.Add(current.CaCertificatePem);
        return new WebhookCertificateMaterial(ca.CertificatePem, ca.ExportKeyPem(), certificate, key, WebhookCertificateMaterial.Bundle(bundle));
    }

    private static (string Certificate, string Key) IssueServing(CertificateAuthority ca, IReadOnlyList<string> names, WebhookCertificateLifetimes lifetimes)
    {
        var (dns, addresses) = WebhookCertificateMaterial.SplitNames(names);
        using var serving = ca.IssueServerCertificate(dns, addresses, lifetimes.Serving);
        using var key = serving.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the serving certificate carries no ECDSA key");
        return (serving.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static bool StillValid(string certificatePem, DateTimeOffset now)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(certificatePem);
            return now < certificate.NotAfter.ToUniversalTime();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
