namespace Kruise.Actors.Admission;

/// <summary>What the webhook Secret holds, as far as the renewal decision needs it.</summary>
public sealed record WebhookCertificateFacts(
    DateTimeOffset CaNotBefore,
    DateTimeOffset CaNotAfter,
    DateTimeOffset ServingNotBefore,
    DateTimeOffset ServingNotAfter,
    IReadOnlySet<string> ServingNames,
    bool ServingSignedByCa);

/// <summary>The Secret as read: absent, present but unreadable (with why), or readable.</summary>
public sealed record WebhookSecretView(bool Exists, WebhookCertificateFacts? Facts, string? Problem = null)
{
    public static readonly WebhookSecretView Missing = new(false, null);

    public static WebhookSecretView Readable(WebhookCertificateFacts facts) => new(true, facts);

    public static WebhookSecretView Unreadable(string problem) => new(true, null, problem);
}

public enum WebhookCertificateAction
{
    /// <summary>The Secret's certificates serve as they are.</summary>
    Keep,

    /// <summary>No Secret yet: make a CA and a serving certificate and create it.</summary>
    Create,

    /// <summary>A new serving certificate from the same CA (the caBundle does not change).</summary>
    IssueServing,

    /// <summary>A new CA and serving certificate; the old CA stays in the bundle while it is valid.</summary>
    RotateCa,
}

/// <summary>The decision and the names (DNS names and IP addresses) the serving certificate must carry.</summary>
public sealed record WebhookCertificatePlan(WebhookCertificateAction Action, IReadOnlyList<string> Names, string Reason);

/// <summary>
/// When the shared webhook certificates are renewed. A certificate is renewed once two thirds of
/// its lifetime are gone (cert-manager's default), so a replica that checks now and then never
/// serves an expired one; names some replica needs and the certificate lacks are added, never
/// dropped (other replicas may still be called by them).
/// </summary>
public static class WebhookCertificatePlanner
{
    public static WebhookCertificatePlan Decide(WebhookSecretView secret, IReadOnlyCollection<string> requiredNames, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(requiredNames);
        var required = requiredNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!secret.Exists)
            return new(WebhookCertificateAction.Create, required, "no certificate Secret yet");
        if (secret.Facts is not { } facts)
            return new(WebhookCertificateAction.RotateCa, required, $"the Secret is unreadable: {secret.Problem}");

        var names = facts.ServingNames.Concat(required).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (DueForRenewal(facts.CaNotBefore, facts.CaNotAfter, now))
            return new(WebhookCertificateAction.RotateCa, names, $"the CA expires at {facts.CaNotAfter:u}");
        if (!facts.ServingSignedByCa)
            return new(WebhookCertificateAction.IssueServing, names, "the serving certificate is not signed by the Secret's CA");
        if (DueForRenewal(facts.ServingNotBefore, facts.ServingNotAfter, now))
            return new(WebhookCertificateAction.IssueServing, names, $"the serving certificate expires at {facts.ServingNotAfter:u}");
        var missing = required.Where(n => !facts.ServingNames.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
            return new(WebhookCertificateAction.IssueServing, names, $"the serving certificate does not name {string.Join(", ", missing)}");
        return new(WebhookCertificateAction.Keep, facts.ServingNames.ToList(), "valid");
    }

    /// <summary>Two thirds of the validity are gone (or it is not valid yet, e.g. a clock far behind the issuer's).</summary>
    public static bool DueForRenewal(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now) =>
        now < notBefore || now >= notAfter - (notAfter - notBefore) / 3;

    /// <summary>
    /// Whether a replica switches to the Secret's newest certificate: always when it serves none
    /// yet; otherwise only once the published caBundle trusts its CA (or nothing is published), so
    /// a CA rotation never makes a serving replica fail TLS before the registrar has published the
    /// new bundle.
    /// </summary>
    public static bool ShouldServe(string newestCaPem, string? publishedBundlePem, bool servingAlready)
    {
        ArgumentNullException.ThrowIfNull(newestCaPem);
        if (!servingAlready || string.IsNullOrWhiteSpace(publishedBundlePem))
            return true;
        return publishedBundlePem.Contains(newestCaPem.Trim(), StringComparison.Ordinal);
    }
}
