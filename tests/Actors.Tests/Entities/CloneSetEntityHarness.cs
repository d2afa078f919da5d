using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Entities.CloneSets;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Entities;

/// <summary>
/// The CloneSet model driven as its entity drives it, with no actor: every input is folded into
/// the observed world, decided on, and its events folded into the state. <see cref="Apply"/> makes
/// writes happen as the API would and delivers them back as the watch would.
/// </summary>
public sealed class CloneSetEntityHarness
{
    public static readonly string[] Kinds = ["CloneSet", "Pod", "PersistentVolumeClaim", "ControllerRevision"];

    private int _uids;

    public CloneSetModel Model { get; } = new();
    public ObservedWorld World { get; private set; } = new(Kinds);
    public CloneSetState State { get; private set; } = CloneSetState.Empty;
    public DateTimeOffset Now { get; set; } = TestPods.T0;
    public List<object> Journal { get; } = [];

    public Decision Feed(object input)
    {
        World.Apply(input);
        var decision = Model.Decide(State, World, input, Now);
        foreach (var e in decision.Events)
        {
            Journal.Add(e);
            State = Model.Evolve(State, e);
        }
        return decision;
    }

    /// <summary>A fresh entity's start: recovery, then the world delivered kind by kind; returns each decision.</summary>
    public List<Decision> Start(CloneSet? cloneSet, IEnumerable<IKubernetesObject<V1ObjectMeta>>? others = null)
    {
        var decisions = new List<Decision> { Feed(EntityRecovered.Instance) };
        if (cloneSet is not null)
            decisions.Add(Feed(new ObjectObserved("CloneSet", cloneSet)));
        foreach (var obj in others ?? [])
            decisions.Add(Feed(new ObjectObserved(obj.Kind, obj)));
        decisions.AddRange(Kinds.Select(kind => Feed(new ObservationsSynced(kind))));
        return decisions;
    }

    /// <summary>The entity stops and a new incarnation starts with the same journal and what the watch now holds; returns the decision that completes its world.</summary>
    public Decision Restart()
    {
        var cloneSet = World.All<CloneSet>("CloneSet").FirstOrDefault();
        var others = Kinds.Skip(1).SelectMany(World.Of).ToList();
        World = new ObservedWorld(Kinds);
        return Start(cloneSet, others)[^1];
    }

    /// <summary>Performs the writes as the API server would, then delivers each outcome and what the watch shows.</summary>
    public List<Decision> Apply(IEnumerable<KubeCommand> commands)
    {
        var decisions = new List<Decision>();
        foreach (var command in commands.ToList())
        {
            var observed = Perform(command);
            if (observed is not null)
                decisions.Add(Feed(observed));
            decisions.Add(Feed(new CommandOutcome(command.Id, command.Target, CommandStatus.Done)));
        }
        return decisions;
    }

    /// <summary>Applies commands and the commands they lead to until nothing but status and events is sent.</summary>
    public void Settle(Decision decision, int maxRounds = 20)
    {
        var pending = decision.Commands.ToList();
        for (var round = 0; pending.Any(c => c is not (RecordEvent or ReplaceStatus)); round++)
        {
            Assert.True(round < maxRounds, "the CloneSet did not settle");
            pending = Apply(pending).SelectMany(d => d.Commands).ToList();
        }
    }

    public IReadOnlyList<V1Pod> Pods => World.All<V1Pod>("Pod").OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();

    private object? Perform(KubeCommand command)
    {
        switch (command)
        {
            case CreateObject create:
                var body = (IKubernetesObject<V1ObjectMeta>)create.Body;
                body.Metadata.Uid = $"uid-{++_uids}";
                body.Metadata.CreationTimestamp = Now.UtcDateTime;
                return new ObjectObserved(body.Kind, body);
            case DeleteObject delete:
                return World.Of(delete.Target.Kind).FirstOrDefault(o => o.Metadata.Name == delete.Target.Name) is { } gone
                    ? new ObjectDeleted(delete.Target.Kind, gone)
                    : null;
            case ReplaceStatus { Body: CloneSet written }:
                if (World.All<CloneSet>("CloneSet").FirstOrDefault()?.Metadata.ResourceVersion != written.Metadata.ResourceVersion)
                    return null; // Conflict: the watch shows the newer object anyway
                var updated = ObjectCopy.Clone(written);
                updated.Metadata.ResourceVersion = $"{long.Parse(written.Metadata.ResourceVersion ?? "0", System.Globalization.CultureInfo.InvariantCulture) + 1}";
                return new ObjectObserved("CloneSet", updated);
            default:
                return null;
        }
    }
}
