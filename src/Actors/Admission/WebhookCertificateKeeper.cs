using System.Text;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;

namespace Kruise.Actors.Admission;

/// <summary>
/// Every replica's check of the shared certificates: every interval it reads the Secret
/// (renewing what is due, see <see cref="WebhookCertificateSecret"/>) and hands the newest
/// material to its <see cref="AdmissionServer"/>, so certificates never silently expire.
/// </summary>
public sealed class WebhookCertificateKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private WebhookCertificateKeeper(KubeApi api, WebhookOptions options, AdmissionServer server, HealthLog health, TimeProvider time)
    {
        _loop = Run(api, options, server, health, time, _stopping.Token);
    }

    public static WebhookCertificateKeeper Start(KubeApi api, WebhookOptions options, AdmissionServer server, HealthLog health, TimeProvider time) =>
        new(api, options, server, health, time);

    /// <summary>One check: the Secret's newest material, adopted by <paramref name="server"/>.</summary>
    public static async Task Check(KubeApi api, WebhookOptions options, AdmissionServer server, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var newest = await WebhookCertificateSecret.Ensure(api, options, now, cancellationToken).ConfigureAwait(false);
        server.Adopt(newest, await PublishedBundle(api, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The caBundle the validating configuration carries now (PEM), or null.</summary>
    public static async Task<string?> PublishedBundle(KubeApi api, CancellationToken cancellationToken)
    {
        var clientConfig = await WebhookConfigurationWriter.ClientConfig(api, "validatingwebhookconfigurations", WebhookConfigurations.ValidatingName, cancellationToken).ConfigureAwait(false);
        if (clientConfig?["caBundle"] is not { } node || node.GetValueKind() != System.Text.Json.JsonValueKind.String)
            return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(node.GetValue<string>()));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task Run(KubeApi api, WebhookOptions options, AdmissionServer server, HealthLog health, TimeProvider time, CancellationToken cancellationToken)
    {
        var retry = TimeSpan.FromSeconds(Math.Min(30, options.CheckInterval.TotalSeconds));
        var delay = options.CheckInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                await Check(api, options, server, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                health.Success();
                delay = options.CheckInterval;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure (API down, RBAC, a bad Secret) is retried; the current certificate keeps serving.
            catch (Exception e)
            {
                health.Failure(e.Message);
                delay = retry;
            }
#pragma warning restore CA1031
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
