using System.ComponentModel;
using Kruise.Actors.Crds.Schema;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kruise.Actors.Host.Commands;

/// <summary>`kruise-actors crds`: the generated CRD manifests, to stdout or one file per kind.</summary>
public sealed class CrdsCommand : Command<CrdsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-o|--output-dir <DIR>")]
        [Description("Write one file per CRD into DIR (replacing generated files there) instead of printing.")]
        public string? OutputDirectory { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var documents = CrdGenerator.GenerateAll();
        if (settings.OutputDirectory is null)
        {
            Console.Out.Write(string.Join("---\n", documents.Select(d => d.Yaml)));
            return 0;
        }
        Directory.CreateDirectory(settings.OutputDirectory);
        foreach (var (fileName, yaml) in documents)
            File.WriteAllText(Path.Combine(settings.OutputDirectory, fileName), yaml);
        AnsiConsole.MarkupLineInterpolated($"wrote {documents.Count} CRDs to {settings.OutputDirectory}");
        return 0;
    }
}
