using System.Reflection;
using Spectre.Console.Cli;

namespace Kruise.Actors.Host.Commands;

/// <summary>
/// Refuses an option given without its value (`up --nodes`, `crds --output-dir`): Spectre.Console.Cli
/// 0.57 binds the name of its internal default command instead (`__default_command`), which would
/// otherwise be taken for a folder or reported as a strange value.
/// </summary>
public sealed class MissingValueCheck : ICommandInterceptor
{
    private const string Placeholder = "__default_command";

    public void Intercept(CommandContext context, CommandSettings settings)
    {
        if (Problem(settings) is { } problem)
            throw new BadInputException(problem);
    }

    /// <summary>"--x needs a value" for the first option given without one; settings that validate themselves call this first.</summary>
    public static string? Problem(CommandSettings settings)
    {
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is { } option && property.GetValue(settings) is Placeholder)
                return $"--{(option.LongNames.Count > 0 ? option.LongNames[0] : property.Name)} needs a value";
        }
        return null;
    }

    public void InterceptResult(CommandContext context, CommandSettings settings, ref int result)
    {
    }
}

/// <summary>Bad command-line input, reported in one line.</summary>
public sealed class BadInputException(string message) : Exception(message);
