using System.Net;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Admission;

/// <summary>
/// The Secret every replica takes its webhook certificates from. The first replica creates it;
/// the others read it; whoever finds it due for renewal (or missing a name it needs) replaces it
/// at the resourceVersion it read, and a replica that loses a race reads the winner's.
/// </summary>
public static class WebhookCertificateSecret
{
    public const string Type = "kubernetes.io/tls";
    private const int Attempts = 5;

    /// <summary>The Secret's material after any renewal this replica had to make.</summary>
    public static async Task<WebhookCertificateMaterial> Ensure(KubeApi api, WebhookOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = options.Secret;
        for (var attempt = 1; ; attempt++)
        {
            var stored = await SecretStore.Read(api, secret.Namespace, secret.Name, cancellationToken).ConfigureAwait(false);
            var (current, problem) = stored is null ? (null, null) : WebhookCertificateMaterial.FromSecretData(stored.Data);
            var view = stored is null ? WebhookSecretView.Missing
                : current is null ? WebhookSecretView.Unreadable(problem!)
                : WebhookSecretView.Readable(current.Facts());
            var plan = WebhookCertificatePlanner.Decide(view, options.CertificateNames, now);
            if (plan.Action == WebhookCertificateAction.Keep)
                return current!;
            var renewed = WebhookCertificateIssuer.Issue(plan, current, options.Lifetimes, now);
            try
            {
                if (stored is null)
                    await SecretStore.Create(api, secret.Namespace, secret.Name, Type, renewed.ToSecretData(), cancellationToken).ConfigureAwait(false);
                else
                    await SecretStore.Replace(api, secret.Namespace, secret.Name, Type, renewed.ToSecretData(), stored.ResourceVersion, cancellationToken).ConfigureAwait(false);
                return renewed;
            }
            catch (KubeApiException e) when (e.Code == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // AlreadyExists or a stale resourceVersion: another replica wrote first; use (or renew) theirs.
            }
        }
    }
}
