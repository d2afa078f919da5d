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
        Receive<KubeCommand>(command =>
        {
            var replyTo = Sender;
            executor.Execute(command, stopping).PipeTo(replyTo, Self,
                failure: e => new CommandOutcome(command.Id, command.Target, CommandStatus.Failed, e.Message));
        });
    }

    /// <summary><paramref name="stopping"/> cancels writes in flight when the replica shuts down.</summary>
    public static Props Props(CommandExecutor executor, CancellationToken stopping) =>
        Akka.Actor.Props.Create(() => new CommandGateway(executor, stopping));
}
