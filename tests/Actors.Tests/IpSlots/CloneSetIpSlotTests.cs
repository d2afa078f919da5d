using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.IpSlots;

namespace Kruise.Actors.Tests.IpSlots;

public sealed class CloneSetIpSlotTests
{
    private static IpWorld Running(int replicas, Action<CloneSetSpec>? configure = null, bool optIn = true)
    {
        var world = new IpWorld(replicas, configure, optIn);
        world.Settle();
        Assert.Equal(replicas, world.Ips.Count);
        Assert.All(world.Ips.Values, Assert.NotNull);
        return world;
    }

    [Fact]
    public void A_deleted_pod_is_replaced_by_a_pod_requesting_its_ip()
    {
        var world = Running(3);
        var before = world.Ips;
        var victim = before.Keys.Order(StringComparer.Ordinal).First();

        world.World.RemovePod(victim);
        world.Settle();

        var after = world.Ips;
        var replacement = Assert.Single(after.Keys.Except(before.Keys));
        Assert.Equal(before[victim], world.Requested(replacement));
        Assert.Equal(before[victim], after[replacement]);
        Assert.Equal(before.Values.Order(), after.Values.Order());
        Assert.Contains(world.World.KubeEvents, e => e.Reason == "RetainedIpRestored" && e.Message == $"pod {replacement} got its retained IP {before[victim]}");
    }

    [Fact]
    public void A_recreate_update_gives_every_new_pod_an_old_ip()
    {
        var world = Running(4);
        var before = world.Ips;

        world.World.Edit(spec => spec.Template!.Spec.Containers[0].Image = "nginx:1.26");
        world.Settle();

        var after = world.Ips;
        Assert.Empty(after.Keys.Intersect(before.Keys));
        Assert.Equal(before.Values.Order(), after.Values.Order());
        Assert.All(after, p => Assert.Equal(p.Value, world.Requested(p.Key)));
    }

    [Fact]
    public void Scale_down_holds_the_released_ips_from_new_pods_until_the_hold_time_ends()
    {
        var world = Running(4);
        var before = world.Ips;

        world.World.Scale(2);
        world.Settle();
        var released = before.Values.Except(world.Ips.Values).ToList();
        Assert.Equal(2, released.Count);
        var shown = JsonNode.Parse(world.RetainedIps!)!.AsObject();
        Assert.All(released, ip => Assert.StartsWith("released, held until ", shown[ip!]!.GetValue<string>(), StringComparison.Ordinal));

        world.World.Scale(4);
        world.Settle();
        var fresh = world.Ips.Keys.Except(before.Keys).ToList();
        Assert.Equal(2, fresh.Count);
        Assert.All(fresh, pod => Assert.Null(world.Requested(pod)));
        Assert.Empty(world.Ips.Values.Intersect(released));

        world.World.Now += IpWorld.Options.RetainIp.HoldTime;
        world.Settle();
        Assert.Equal(4, world.World.State.IpSlots.Slots.Count);
        Assert.All(released, ip => Assert.Null(world.World.State.IpSlots.WithIp(ip!)));
        Assert.Equal(world.Ips.Values.Order(), JsonNode.Parse(world.RetainedIps!)!.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public void A_replacement_decided_before_a_crash_still_requests_the_ip_after_recovery()
    {
        var world = Running(3);
        var before = world.Ips;
        var victim = before.Keys.Order(StringComparer.Ordinal).First();
        world.World.RemovePod(victim);
        world.World.HoldCommands = true;

        var decided = world.World.Step();

        var create = Assert.Single(decided.Events.OfType<PodCreateRequested>());
        // The process dies before sending: the commands are lost; the new incarnation recovers from the journal.
        world.World.Held.Clear();
        world.World.HoldCommands = false;
        Assert.Equal(world.World.State, CloneSetState.Empty.EvolveAll(world.World.Journal));
        world.World.Step(resume: true);
        world.Settle();

        Assert.Equal(before[victim], world.Requested(create.Name));
        Assert.Equal(before[victim], world.Ips[create.Name]);
    }

    [Fact]
    public void A_replacement_kept_from_its_ip_is_reported_once_and_gets_the_ip_once_it_is_free()
    {
        var world = Running(2);
        var victim = world.Ips.Keys.Order(StringComparer.Ordinal).First();
        var ip = world.Ips[victim]!;
        world.Foreign.Add(ip);
        world.World.RemovePod(victim);
        world.Settle();
        var replacement = Assert.Single(world.Ips, p => p.Value is null).Key;

        world.World.Now += IpWorld.Options.RetainIp.WaitBeforeWarning;
        world.Settle();
        world.World.Now += TimeSpan.FromMinutes(1);
        world.Settle();

        var warning = Assert.Single(world.World.KubeEvents, e => e.Reason == "RetainedIpWaiting");
        Assert.Equal(RecordEvent.Warning, warning.Type);
        Assert.Contains($"pod {replacement} waits for its retained IP {ip}", warning.Message, StringComparison.Ordinal);
        Assert.Contains("(waiting for the IP)", JsonNode.Parse(world.RetainedIps!)![ip]!.GetValue<string>(), StringComparison.Ordinal);

        world.Foreign.Remove(ip);
        world.Settle();
        Assert.Equal(ip, world.Ips[replacement]);
        Assert.Equal(replacement, JsonNode.Parse(world.RetainedIps!)![ip]!.GetValue<string>());
    }

    [Fact]
    public void The_cloneset_annotation_shows_each_ip_and_its_pod()
    {
        var world = Running(3);

        var shown = JsonNode.Parse(world.RetainedIps!)!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

        Assert.Equal(world.Ips.ToDictionary(p => p.Value!, p => p.Key), shown);
    }

    [Fact]
    public void Without_the_annotation_pods_request_nothing_and_no_slot_is_kept()
    {
        var world = Running(2, optIn: false);
        var victim = world.Ips.Keys.First();

        world.World.RemovePod(victim);
        world.Settle();

        Assert.All(world.Ips.Keys, pod => Assert.Null(world.Requested(pod)));
        Assert.Empty(world.World.Journaled<IpSlotChanged>());
        Assert.Null(world.RetainedIps);
    }

    [Fact]
    public void Turning_the_annotation_off_forgets_the_slots_and_removes_the_exposed_ips()
    {
        var world = Running(2);
        var copy = Crds.Common.ObjectCopy.Clone(world.World.CloneSet);
        copy.Metadata.Annotations[RetainIpSettings.OptInAnnotation] = "false";
        world.World.CloneSet = copy;

        world.Settle();

        Assert.Empty(world.World.State.IpSlots.Slots);
        Assert.Single(world.World.Journaled<IpSlotsCleared>());
        Assert.Null(world.RetainedIps);
    }

    [Fact]
    public void Kube_ovn_format_requests_the_plain_address()
    {
        var options = IpWorld.Options with { RetainIp = IpWorld.Options.RetainIp with { Format = RequestedIpFormat.KubeOvn } };
        var cloneSet = Planning.Fixtures.TestCloneSets.New(2);
        cloneSet.Metadata.Annotations = new Dictionary<string, string> { [RetainIpSettings.OptInAnnotation] = "true" };
        var world = new Planning.Fixtures.CloneSetWorld(cloneSet, options) { Api = c => c is PatchObject { Target.Kind: "CloneSet" } p ? new CommandOutcome(p.Id, p.Target, CommandStatus.Done) : null };
        world.Step();
        world.Step();
        world.MakeAllReady();
        var first = world.Pods.Values.First();
        world.Pods[first.Name] = first with { PodIp = "10.0.0.5" };
        world.Step();
        world.RemovePod(first.Name);

        var decision = world.Step();

        var created = Assert.Single(decision.Events.OfType<PodCreateRequested>());
        Assert.Equal("10.0.0.5", world.PodBodies[created.Name].Metadata.Annotations["ovn.kubernetes.io/ip_address"]);
        Assert.False(world.PodBodies[created.Name].Metadata.Annotations.ContainsKey(RequestedIpFormat.Calico.Annotation));
    }
}
