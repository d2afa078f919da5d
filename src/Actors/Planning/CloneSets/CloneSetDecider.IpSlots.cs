using System.Text.Json;
using System.Text.Json.Nodes;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.IpSlots;

namespace Kruise.Actors.Planning.CloneSets;

public static partial class CloneSetDecider
{
    private const string RetainedIpWaiting = "RetainedIpWaiting";
    private const string RetainedIpChanged = "RetainedIpChanged";
    private const string RetainedIpRestored = "RetainedIpRestored";

    // kruise-actors.io/retain-pod-ip: follow the pods' IPs in the slot book before scaling, so a
    // replacement created in this pass finds its predecessor's slot vacant.
    private static void TrackIpSlots(DecisionBuilder decision, CloneSetView view)
    {
        if (!RetainIpSettings.OptedIn(view.Original.Metadata.Annotations))
        {
            if (!decision.State.IpSlots.Slots.IsEmpty)
                decision.Emit(new IpSlotsCleared());
            return;
        }
        var pendingDeletes = decision.State.IntentsOf(IntentKind.DeletePod).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var pods = view.Pods.Select(p => new SlotPod(p.Name, p.Uid, p.PodIp, p.IsActive && !pendingDeletes.Contains(p.Name), p.NodeName.Length > 0, p.CreatedAt)).ToList();
        var pendingCreates = decision.State.IntentsOf(IntentKind.CreatePod).Select(i => i.Name).ToList();
        var plan = IpSlotPlanner.Reconcile(decision.State.IpSlots, pods, pendingCreates, view.Spec.Replicas ?? 1, view.Options.RetainIp, view.Now);
        foreach (var fact in plan.Facts)
        {
            var before = decision.State.IpSlots.Find(fact.Slot);
            decision.Emit(new IpSlotChanged(fact));
            ReportIpSlot(decision, view, fact, before);
        }
        decision.WakeBy(plan.WakeAt);
    }

    private static void ReportIpSlot(DecisionBuilder decision, CloneSetView view, IpSlotFact fact, IpSlot? before)
    {
        switch (fact.Kind)
        {
            case IpSlotFactKind.Waiting:
                decision.Send(CloneSetKubeEvents.Warning(view.Ref, view.Uid, RetainedIpWaiting, fact.Pod ?? fact.Slot, fact.Message ?? ""));
                break;
            case IpSlotFactKind.Bound when fact.Message is not null:
                decision.Send(CloneSetKubeEvents.Warning(view.Ref, view.Uid, RetainedIpChanged, fact.Pod ?? fact.Slot, $"pod {fact.Pod}: {fact.Message}"));
                break;
            case IpSlotFactKind.Bound when before is { IsPending: true }:
                decision.Send(CloneSetKubeEvents.Normal(view.Ref, view.Uid, RetainedIpRestored, fact.Pod ?? fact.Slot,
                    $"pod {fact.Pod} got its retained IP {fact.Ip}"));
                break;
        }
    }

    // Vacant slots go to the new pods first; the rest get whatever IP the network picks.
    private static Dictionary<string, string> AssignIpSlots(DecisionBuilder decision, CloneSetView view, IReadOnlyList<string> newPods)
    {
        var requested = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!RetainIpSettings.OptedIn(view.Original.Metadata.Annotations))
            return requested;
        foreach (var fact in IpSlotPlanner.AssignVacant(decision.State.IpSlots, newPods, view.Now))
        {
            decision.Emit(new IpSlotChanged(fact));
            if (decision.State.IpSlots.Find(fact.Slot)?.Ip is { } ip)
                requested[fact.Pod!] = ip;
        }
        return requested;
    }

    private static string? RequestedIpOf(CloneSetState state, string pod) =>
        state.IpSlots.HeldBy(pod) is { IsPending: true, Ip: { } ip } ? ip : null;

    // kubectl users read the slots from the CloneSet: `kubectl get cloneset NAME -o
    // jsonpath='{.metadata.annotations.kruise-actors\.io/retained-pod-ips}'`.
    private static void ExposeIpSlots(DecisionBuilder decision, CloneSetView view)
    {
        var annotations = view.Original.Metadata.Annotations;
        var current = annotations is not null && annotations.TryGetValue(RetainIpSettings.RetainedIpsAnnotation, out var shown) ? shown : null;
        var wanted = RetainIpSettings.OptedIn(annotations) ? RenderIpSlots(decision.State.IpSlots) : null;
        if (current == wanted)
            return;
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RetainIpSettings.RetainedIpsAnnotation] = wanted } } };
        decision.Send(new PatchObject($"{CommandIds.RetainedIps}:{view.Ref.Kind}:{view.Name}@{view.Original.Metadata.ResourceVersion}", view.Ref, PatchKind.Merge,
            patch.ToJsonString()));
    }

    /// <summary>The retained-IPs annotation value: each IP (in address order) and who holds it.</summary>
    public static string RenderIpSlots(IpSlotBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var map = new JsonObject();
        foreach (var slot in book.Slots.Values.Where(s => s.Ip is not null).OrderBy(s => AddressOrder(s.Ip!)))
            map[slot.Ip!] = slot.Display();
        return map.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static (long, string) AddressOrder(string ip) =>
        System.Net.IPAddress.TryParse(ip, out var address) && address.GetAddressBytes() is { Length: 4 } bytes
            ? (((long)bytes[0] << 24) | ((long)bytes[1] << 16) | ((long)bytes[2] << 8) | bytes[3], ip)
            : (long.MaxValue, ip);
}
