using System.Globalization;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.LocalCluster;

namespace Kruise.Actors.Bench.ApiServer;

/// <summary>
/// The hidden `apiserver-serve --store memory|sqlite --data DIR` subcommand: the server alone in
/// this process, for the benchmark that spawned it. It prints one ready line, then answers
/// commands on stdin, one line each, until stdin closes, then shuts the server down.
/// </summary>
public static class ApiServerServe
{
    public const string Name = "apiserver-serve";

    /// <summary>First stdout line: "ready URL KUBECONFIG-PATH" (the path is the rest of the line).</summary>
    public const string Ready = "ready";

    /// <summary>Answered with "usage CPU-TICKS ALLOCATED-BYTES COMPILED-METHODS", all since the process started.</summary>
    public const string UsageCommand = "usage";

    /// <summary>Collects garbage; answered with "ok".</summary>
    public const string SettleCommand = "settle";

    public static async Task<int> Execute(BenchArgs args)
    {
        var store = args.String("store") ?? "memory";
        if (store is not ("memory" or "sqlite"))
            throw new ArgumentException($"--store is memory or sqlite, not '{store}'");
        var data = args.String("data") ?? throw new ArgumentException("--data DIR is required: the server's data folder");
        args.RejectUnknown();

        await using var server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = data, Port = 0, InMemory = store == "memory" }).ConfigureAwait(false);
        var output = Console.Out;
        await output.WriteLineAsync($"{Ready} {server.Url} {server.KubeconfigPath}").ConfigureAwait(false);
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            await output.WriteLineAsync(Answer(line.Trim())).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }
        return 0;
    }

    private static string Answer(string command)
    {
        switch (command)
        {
            case UsageCommand:
                using (var process = System.Diagnostics.Process.GetCurrentProcess())
                {
                    return string.Create(CultureInfo.InvariantCulture,
                        $"{UsageCommand} {process.TotalProcessorTime.Ticks} {GC.GetTotalAllocatedBytes(precise: true)} {System.Runtime.JitInfo.GetCompiledMethodCount()}");
                }
            case SettleCommand:
                GC.Collect();
                GC.WaitForPendingFinalizers();
                return "ok";
            default:
                return $"error: unknown command '{command}' (known: {UsageCommand}, {SettleCommand})";
        }
    }
}
