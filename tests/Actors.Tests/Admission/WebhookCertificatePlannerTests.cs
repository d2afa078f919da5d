using Kruise.Actors.Admission;

namespace Kruise.Actors.Tests.Admission;

/// <summary>When the shared webhook certificates are created, kept, reissued or rotated.</summary>
public sealed class WebhookCertificatePlannerTests
{
    private static readonly DateTimeOffset Issued = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] ServiceNames = ["hooks.kruise-system.svc", "hooks.kruise-system.svc.cluster.local"];

    // CA: 30 days from Issued; serving: 9 days from Issued (renewal after 6 days).
    private static WebhookSecretView Secret(string[]? names = null, bool signedByCa = true, int caDays = 30, int servingDays = 9) =>
        WebhookSecretView.Readable(new WebhookCertificateFacts(
            Issued, Issued.AddDays(caDays), Issued, Issued.AddDays(servingDays),
            new HashSet<string>(names ?? ServiceNames, StringComparer.OrdinalIgnoreCase), signedByCa));

    public static TheoryData<string, WebhookSecretView, string[], double, WebhookCertificateAction> Cases => new()
    {
        { "no Secret: the first replica creates it", WebhookSecretView.Missing, ServiceNames, 0, WebhookCertificateAction.Create },
        { "fresh and naming everything: kept", Secret(), ServiceNames, 1, WebhookCertificateAction.Keep },
        { "names compared without case", Secret(["HOOKS.kruise-system.svc", "hooks.kruise-system.svc.cluster.local"]), ServiceNames, 1, WebhookCertificateAction.Keep },
        { "a subset of its names is enough", Secret(), ServiceNames[..1], 1, WebhookCertificateAction.Keep },
        { "just before two thirds of the serving lifetime: kept", Secret(), ServiceNames, 5.9, WebhookCertificateAction.Keep },
        { "two thirds of the serving lifetime gone: reissued", Secret(), ServiceNames, 6, WebhookCertificateAction.IssueServing },
        { "serving certificate expired: reissued", Secret(), ServiceNames, 9.5, WebhookCertificateAction.IssueServing },
        { "a name this replica is called by is missing: reissued", Secret(["hooks.kruise-system.svc"]), ServiceNames, 1, WebhookCertificateAction.IssueServing },
        { "serving certificate of another CA: reissued", Secret(signedByCa: false), ServiceNames, 1, WebhookCertificateAction.IssueServing },
        { "two thirds of the CA lifetime gone: CA rotated", Secret(servingDays: 60), ServiceNames, 20, WebhookCertificateAction.RotateCa },
        { "CA expired: rotated", Secret(), ServiceNames, 31, WebhookCertificateAction.RotateCa },
        { "not valid yet (clock behind the issuer's): renewed", Secret(), ServiceNames, -1, WebhookCertificateAction.RotateCa },
        { "unreadable Secret: replaced by a new CA", WebhookSecretView.Unreadable("it has no ca.key"), ServiceNames, 1, WebhookCertificateAction.RotateCa },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string situation, WebhookSecretView secret, string[] required, double days, WebhookCertificateAction expected)
    {
        var plan = WebhookCertificatePlanner.Decide(secret, required, Issued.AddDays(days));

        Assert.True(expected == plan.Action, $"{situation}: expected {expected}, got {plan.Action} ({plan.Reason})");
    }

    [Fact]
    public void A_reissued_certificate_keeps_the_names_other_replicas_are_called_by_and_adds_the_new_ones()
    {
        var plan = WebhookCertificatePlanner.Decide(Secret(["127.0.0.1", "localhost"]), ["replica-2.example", "localhost"], Issued.AddDays(1));

        Assert.Equal(WebhookCertificateAction.IssueServing, plan.Action);
        Assert.Equal(["127.0.0.1", "localhost", "replica-2.example"], plan.Names.Order(StringComparer.Ordinal));
        Assert.Contains("does not name replica-2.example", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_Secret_names_exactly_what_the_replica_needs()
    {
        var plan = WebhookCertificatePlanner.Decide(WebhookSecretView.Missing, ["localhost", "127.0.0.1", "localhost"], Issued);

        Assert.Equal(["localhost", "127.0.0.1"], plan.Names);
    }

    public static TheoryData<string, string?, bool, bool> ServeCases => new()
    {
        { "nothing served yet: serve whatever the Secret holds", "-----BEGIN CERTIFICATE-----\nOLD\n-----END CERTIFICATE-----\n", false, true },
        { "nothing published yet", null, true, true },
        { "published bundle trusts the new CA", "-----BEGIN CERTIFICATE-----\nOLD\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nNEW\n-----END CERTIFICATE-----\n", true, true },
        { "published bundle trusts only the old CA: keep serving the old certificate", "-----BEGIN CERTIFICATE-----\nOLD\n-----END CERTIFICATE-----\n", true, false },
    };

    [Theory]
    [MemberData(nameof(ServeCases))]
    public void A_replica_switches_to_a_new_CA_only_once_the_published_bundle_trusts_it(string situation, string? published, bool serving, bool expected)
    {
        const string newCa = "-----BEGIN CERTIFICATE-----\nNEW\n-----END CERTIFICATE-----\n";

        Assert.True(expected == WebhookCertificatePlanner.ShouldServe(newCa, published, serving), situation);
    }
}
