using Akka.Actor;

namespace Kruise.Actors.Kube;

/// <summary>
/// This replica's gateway actor: runs each <see cref="KubeCommand"/> through the
/// <see cref="CommandExecutor"/> (concurrently, rate-limited there) and replies the
/// <see cref="CommandOutcome"/> to the entity that sent it.
/// </summary>
public sealed class CommandGateway : ReceiveActor
{
    public CommandGateway(CommandExecutor executor, CancellationToken stopping)
    {
        Receive<KubeCommand>(command => _ = Execute(executor, command, Sender, Self, stopping));
    }

    /// <summary><paramref name="stopping"/> cancels writes in flight when the replica shuts down.</summary>
    public static Props Props(CommandExecutor executor, CancellationToken stopping) =>
        Akka.Actor.Props.Create(() => new CommandGateway(executor, stopping));

    private static async Task Execute(CommandExecutor executor, KubeCommand command, IActorRef replyTo, IActorRef self, CancellationToken stopping)
    {
        CommandOutcome outcome;
        try
        {
            outcome = await executor.Execute(command, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The replica is stopping: a write cut off here has no outcome. Reporting it as Failed
            // would make the entity give its intent up; unanswered, the intent stays in the journal
            // and the next incarnation sends it again.
            return;
        }
        catch (Exception e)
        {
            outcome = new CommandOutcome(command.Id, command.Target, CommandStatus.Failed, e.Message);
        }
        replyTo.Tell(outcome, self);
    }
}
