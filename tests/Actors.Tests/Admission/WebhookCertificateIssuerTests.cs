using System.Security.Cryptography.X509Certificates;
using Kruise.Actors.Admission;

namespace Kruise.Actors.Tests.Admission;

/// <summary>The certificates the Secret carries, as a TLS client and the renewal planner see them.</summary>
public sealed class WebhookCertificateIssuerTests
{
    private static readonly string[] Names = ["localhost", "127.0.0.1"];
    private static readonly WebhookCertificateLifetimes Lifetimes = new(TimeSpan.FromDays(30), TimeSpan.FromDays(9));

    private static WebhookCertificateMaterial Create() =>
        WebhookCertificateIssuer.Issue(WebhookCertificatePlanner.Decide(WebhookSecretView.Missing, Names, DateTimeOffset.UtcNow), null, Lifetimes, DateTimeOffset.UtcNow);

    private static bool Verifies(WebhookCertificateMaterial material)
    {
        using var serving = material.LoadServingCertificate();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(WebhookCertificateMaterial.ParseBundle(material.CaBundlePem));
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(serving);
    }

    [Fact]
    public void A_new_Secret_serves_a_certificate_for_the_names_that_its_bundle_verifies_and_survives_the_round_trip()
    {
        var material = Create();

        var (read, problem) = WebhookCertificateMaterial.FromSecretData(material.ToSecretData());

        Assert.Null(problem);
        Assert.Equal(material, read);
        Assert.True(Verifies(material));
        var facts = material.Facts();
        Assert.True(facts.ServingSignedByCa);
        Assert.Equal(Names.Order(StringComparer.Ordinal), facts.ServingNames.Order(StringComparer.Ordinal));
        Assert.Equal(9, (facts.ServingNotAfter - DateTimeOffset.UtcNow).TotalDays, 0.01);
        Assert.Equal(WebhookCertificateAction.Keep, WebhookCertificatePlanner.Decide(WebhookSecretView.Readable(facts), Names, DateTimeOffset.UtcNow).Action);
    }

    [Fact]
    public void Reissuing_the_serving_certificate_keeps_the_CA_and_the_bundle()
    {
        var material = Create();
        var plan = WebhookCertificatePlanner.Decide(WebhookSecretView.Readable(material.Facts()), ["replica.example"], DateTimeOffset.UtcNow);

        var reissued = WebhookCertificateIssuer.Issue(plan, material, Lifetimes, DateTimeOffset.UtcNow);

        Assert.Equal(material.CaBundlePem, reissued.CaBundlePem);
        Assert.NotEqual(material.ServingCertificatePem, reissued.ServingCertificatePem);
        Assert.Contains("replica.example", reissued.Facts().ServingNames);
        Assert.True(Verifies(reissued));
    }

    [Fact]
    public void A_rotated_CA_is_published_beside_the_old_one_so_replicas_still_serving_the_old_certificate_stay_trusted()
    {
        var material = Create();
        var plan = WebhookCertificatePlanner.Decide(WebhookSecretView.Readable(material.Facts()), Names, DateTimeOffset.UtcNow.AddDays(21));

        var rotated = WebhookCertificateIssuer.Issue(plan, material, Lifetimes, DateTimeOffset.UtcNow.AddDays(21));

        Assert.Equal(WebhookCertificateAction.RotateCa, plan.Action);
        Assert.NotEqual(material.CaCertificatePem, rotated.CaCertificatePem);
        Assert.Equal(2, WebhookCertificateMaterial.ParseBundle(rotated.CaBundlePem).Count);
        Assert.True(Verifies(rotated));
        Assert.True(Verifies(material with { CaBundlePem = rotated.CaBundlePem }));
        Assert.True(WebhookCertificatePlanner.ShouldServe(rotated.CaCertificatePem, rotated.CaBundlePem, servingAlready: true));
        Assert.False(WebhookCertificatePlanner.ShouldServe(rotated.CaCertificatePem, material.CaBundlePem, servingAlready: true));
    }

    [Fact]
    public void A_Secret_with_keys_missing_or_garbage_is_reported_unreadable_with_why()
    {
        var data = new Dictionary<string, string>(Create().ToSecretData());
        data.Remove(WebhookCertificateMaterial.CaKeyKey);
        var garbage = new Dictionary<string, string>(Create().ToSecretData()) { [WebhookCertificateMaterial.ServingCertificateKey] = "not a certificate" };

        var (missing, missingProblem) = WebhookCertificateMaterial.FromSecretData(data);
        var (bad, badProblem) = WebhookCertificateMaterial.FromSecretData(garbage);

        Assert.Null(missing);
        Assert.Equal("it has no ca.key", missingProblem);
        Assert.Null(bad);
        Assert.StartsWith("its certificates or keys are not valid PEM", badProblem, StringComparison.Ordinal);
    }
}
