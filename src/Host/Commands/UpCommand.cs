using Spectre.Console.Cli;

namespace Kruise.Actors.Host.Commands;

/// <summary>
/// `kruise-actors up`: the embedded cluster plus the controller. The embedded API server is the
/// next piece of work; until it exists this says so plainly instead of pretending to run.
/// </summary>
public sealed class UpCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("kruise-actors up: the embedded cluster is not built yet; `kruise-actors crds` works today (see README, Status).");
        return 2;
    }
}
