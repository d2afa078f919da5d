using Kruise.Actors.LocalCluster.Tables;
using static Kruise.Actors.LocalCluster.Tests.Tables.TableTestKit;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class EventTableTests
{
    private static readonly TablePrinter Events = TablePrinters.ForBuiltIn("", "Event");

    [Fact]
    public void Has_kubectls_event_columns_with_the_wide_ones_interleaved()
    {
        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Subobject*", "Source*", "Message", "First Seen*", "Count*", "Name*"], Columns(Events));
        Assert.Equal("name", Events.Columns[^1].Format);
    }

    [Fact]
    public void Kubelet_event_about_a_pod()
    {
        var ev = Json($$"""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web-0.182a1","namespace":"shop"},
             "involvedObject":{"kind":"Pod","namespace":"shop","name":"web-0","fieldPath":"spec.containers{app}"},
             "reason":"Pulled","message":"  Container image \"nginx:1.25\" already present on machine\n","type":"Normal",
             "source":{"component":"kubelet","host":"kwok-node-0"},"count":4,
             "firstTimestamp":"{{Ago(TimeSpan.FromMinutes(20))}}","lastTimestamp":"{{Ago(TimeSpan.FromSeconds(42))}}"}
            """);
        Assert.Equal(
            ["42s", "Normal", "Pulled", "pod/web-0", "spec.containers{app}", "kubelet, kwok-node-0",
             "Container image \"nginx:1.25\" already present on machine", "20m", "4", "web-0.182a1"],
            Cells(Events, ev));
    }

    [Fact]
    public void Event_recorded_through_events_k8s_io_falls_back_to_event_time_and_reporter()
    {
        // MicroTime, as events.k8s.io writes eventTime.
        var eventTime = (Now - TimeSpan.FromSeconds(200)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var ev = Json($$"""
            {"metadata":{"name":"cs.1"},"involvedObject":{"kind":"CloneSet","name":"cs"},"reason":"SuccessfulCreate","type":"Normal",
             "eventTime":"{{eventTime}}","reportingComponent":"cloneset-controller","reportingInstance":"kruise-actors-0"}
            """);
        Assert.Equal(["3m20s", "Normal", "SuccessfulCreate", "cloneset/cs", "", "cloneset-controller, kruise-actors-0", "", "3m20s", "1", "cs.1"], Cells(Events, ev));
    }

    [Fact]
    public void Event_series_gives_last_seen_and_count()
    {
        var ev = Json($$"""
            {"metadata":{"name":"n.1"},"involvedObject":{"kind":"Node"},"reason":"Rebooted","type":"Warning",
             "firstTimestamp":"{{Ago(TimeSpan.FromDays(3))}}","lastTimestamp":"{{Ago(TimeSpan.FromDays(2))}}",
             "series":{"count":7,"lastObservedTime":"{{Ago(TimeSpan.FromHours(5))}}"} }
            """);
        var cells = Cells(Events, ev);
        Assert.Equal(["5h", "Warning", "Rebooted", "node"], cells.Take(4));
        Assert.Equal(["3d", "7"], cells.Skip(7).Take(2));
    }
}
