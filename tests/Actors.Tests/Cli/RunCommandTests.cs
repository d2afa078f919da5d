using System.Text.RegularExpressions;
using Kruise.Actors.Tests.Integration;

namespace Kruise.Actors.Tests.Cli;

/// <summary>`kruise-actors run` as a process against the embedded API server.</summary>
[Collection(ApiServerTests.Name)]
public sealed partial class RunCommandTests(ApiServerFixture api) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kruise-actors-run-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly HttpClient _http = new();

    [GeneratedRegex(@"(http://127\.0\.0\.1:\d+/)healthz")]
    private static partial Regex HealthUrl();

    [Fact]
    public async Task Serves_health_readiness_and_metrics_and_leaves_cleanly_on_SIGTERM()
    {
        var journal = Path.Combine(_folder, "journal.db");
        await using var run = KruiseActorsCli.Start("run", "--kubeconfig", api.Server.KubeconfigPath, "--journal", "sqlite:" + journal, "--http-port", "0", "--log-level", "WARNING", "--no-webhook");
        await Eventually.True(() => run.Lines.Any(l => HealthUrl().IsMatch(l)), "the endpoint is announced", seconds: 120);
        var url = new Uri(HealthUrl().Match(run.Lines.First(l => HealthUrl().IsMatch(l))).Groups[1].Value);

        await Eventually.True(async () => (await _http.GetAsync(new Uri(url, "readyz"))).IsSuccessStatusCode, "ready");
        Assert.Equal("ok\n", await _http.GetStringAsync(new Uri(url, "healthz")));
        var metrics = await _http.GetStringAsync(new Uri(url, "metrics"));
        Assert.Contains("# TYPE kruise_actors_entities gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE kruise_actors_journal_write_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.True(File.Exists(journal));

        await run.Terminate();
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Bad_options_are_clear_errors()
    {
        var journal = await KruiseActorsCli.Run("run", "--journal", "mysql:x");
        var seed = await KruiseActorsCli.Run("run", "--seed", "no-port");
        var kubeconfig = await KruiseActorsCli.Run("run", "--kubeconfig", Path.Combine(_folder, "missing"), "--journal", "sqlite:" + Path.Combine(_folder, "j.db"), "--http-port", "0");
        var service = await KruiseActorsCli.Run("run", "--webhook-service", "kruise-system");
        var port = await KruiseActorsCli.Run("run", "--webhook-port", "70000");
        var secret = await KruiseActorsCli.Run("run", "--webhook-secret", "only-a-name");

        Assert.NotEqual(0, journal.ExitCode);
        Assert.Contains("is not sqlite:PATH or postgres:CONNSTRING", journal.Stdout + journal.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, seed.ExitCode);
        Assert.Contains("is not HOST:PORT", seed.Stdout + seed.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, kubeconfig.ExitCode);
        Assert.Contains("does not exist", kubeconfig.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, service.ExitCode);
        Assert.Contains("'kruise-system' is not NAMESPACE/NAME[:PORT]", service.Stdout + service.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, port.ExitCode);
        Assert.Contains("--webhook-port must be 0-65535", port.Stdout + port.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, secret.ExitCode);
        Assert.Contains("'only-a-name' is not NAMESPACE/NAME", secret.Stdout + secret.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _http.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
