using System.ComponentModel;
using Kruise.Actors.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kruise.Actors.Host.Commands;

/// <summary>Where the `events` commands read the journal: a data folder's, or an explicit one.</summary>
public class JournalSettings : CommandSettings
{
    [CommandOption("-d|--data <DIR>")]
    [Description("Data folder whose journal to read (DIR/journal.db). Default: ./.kruise (as `up`)")]
    public string Data { get; init; } = ".kruise";

    [CommandOption("--journal <TARGET>")]
    [Description("The journal itself: sqlite:PATH or postgres:CONNSTRING (overrides --data).")]
    public string? Journal { get; init; }

    [CommandOption("-o|--output <FORMAT>")]
    [Description("table (default) or json (one object per line).")]
    public string Output { get; init; } = "table";

    public JournalTarget Target() => Journal is null ? JournalTarget.InFolder(Data) : JournalTarget.Parse(Journal);

    public override ValidationResult Validate()
    {
        if (Output is not ("table" or "json"))
            return ValidationResult.Error($"--output must be table or json, not \"{Output}\"");
        if (Journal is not null)
        {
            try
            {
                JournalTarget.Parse(Journal);
            }
            catch (FormatException e)
            {
                return ValidationResult.Error(e.Message);
            }
        }
        return ValidationResult.Success();
    }
}
