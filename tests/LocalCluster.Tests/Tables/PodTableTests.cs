using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Tables;
using static Kruise.Actors.LocalCluster.Tests.Tables.TableTestKit;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class PodTableTests
{
    private static readonly TablePrinter Pods = TablePrinters.ForBuiltIn("", "Pod");

    [Fact]
    public void Has_kubectls_pod_columns_with_the_wide_ones_marked()
    {
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP*", "Node*", "Nominated Node*", "Readiness Gates*"], Columns(Pods));
    }

    [Fact]
    public void Running_pod_with_one_of_two_containers_ready()
    {
        var pod = Pod(phase: "Running", statuses: """
            [{"name":"app","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2025-03-01T11:00:00Z"}}},
             {"name":"sidecar","ready":false,"restartCount":0,"state":{"running":{"startedAt":"2025-03-01T11:00:00Z"}}}]
            """, extraStatus: """, "podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}] """);
        Assert.Equal(["web-0", "1/2", "Running", "0", "3h", "10.244.1.5", "node-1", "<none>", "<none>"], Cells(Pods, pod));
    }

    [Fact]
    public void Pending_pod_without_statuses_shows_its_phase_and_no_ip()
    {
        var pod = Pod(phase: "Pending", statuses: "[]", nodeName: "");
        Assert.Equal(["web-0", "0/2", "Pending", "0", "3h", "<none>", "<none>", "<none>", "<none>"], Cells(Pods, pod));
    }

    [Fact]
    public void Waiting_container_shows_its_reason()
    {
        var pod = Pod(phase: "Pending", statuses: """
            [{"name":"app","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}},
             {"name":"sidecar","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]
            """);
        Assert.Equal("ContainerCreating", Cells(Pods, pod)[2]);
    }

    [Fact]
    public void The_first_container_with_a_reason_wins()
    {
        var pod = Pod(phase: "Running", statuses: """
            [{"name":"app","ready":false,"restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
              "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2025-03-01T11:55:00Z"}}},
             {"name":"sidecar","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":137,"signal":9}}}]
            """);
        var cells = Cells(Pods, pod);
        Assert.Equal("CrashLoopBackOff", cells[2]);
        Assert.Equal("4 (5m ago)", cells[3]);
    }

    [Fact]
    public void Terminated_container_without_reason_shows_signal_or_exit_code()
    {
        var signal = Pod(phase: "Running", statuses: """[{"name":"app","state":{"terminated":{"exitCode":137,"signal":9}}}]""");
        Assert.Equal("Signal:9", Cells(Pods, signal)[2]);
        var exit = Pod(phase: "Running", statuses: """[{"name":"app","state":{"terminated":{"exitCode":3}}}]""");
        Assert.Equal("ExitCode:3", Cells(Pods, exit)[2]);
    }

    [Fact]
    public void Pod_being_deleted_shows_Terminating()
    {
        var pod = Pod(phase: "Running", deleting: true, statuses: """
            [{"name":"app","ready":true,"state":{"running":{}}},{"name":"sidecar","ready":true,"state":{"running":{}}}]
            """);
        Assert.Equal(["web-0", "2/2", "Terminating"], Cells(Pods, pod).Take(3));
    }

    [Fact]
    public void Finished_pod_being_deleted_keeps_Completed_and_marks_the_row()
    {
        var pod = Pod(phase: "Succeeded", deleting: true, statuses: """
            [{"name":"app","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
             {"name":"sidecar","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]
            """);
        var table = Table(Pods, pod);
        Assert.Equal("Completed", table["rows"]![0]!["cells"]![2]!.GetValue<string>());
        Assert.Equal("""[{"type":"Completed","status":"True","reason":"Succeeded","message":"The pod has completed successfully."}]""",
            table["rows"]![0]!["conditions"]!.ToJsonString());
    }

    [Fact]
    public void Completed_container_beside_a_running_one_reads_Running_when_the_pod_is_ready()
    {
        var statuses = """
            [{"name":"app","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
             {"name":"sidecar","ready":true,"state":{"running":{}}}]
            """;
        Assert.Equal("Running", Cells(Pods, Pod(phase: "Running", statuses: statuses, conditions: """[{"type":"Ready","status":"True"}]"""))[2]);
        Assert.Equal("NotReady", Cells(Pods, Pod(phase: "Running", statuses: statuses))[2]);
    }

    [Fact]
    public void Init_containers_show_progress_or_their_failure()
    {
        var progress = Pod(phase: "Pending", initContainers: """[{"name":"migrate"},{"name":"warm"}]""", initStatuses: """
            [{"name":"migrate","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
             {"name":"warm","state":{"running":{}}}]
            """, statuses: """[{"name":"app","state":{"waiting":{"reason":"PodInitializing"}}}]""");
        Assert.Equal(["0/2", "Init:1/2"], Cells(Pods, progress).Skip(1).Take(2));

        var crashing = Pod(phase: "Pending", initContainers: """[{"name":"migrate"}]""", initStatuses: """
            [{"name":"migrate","restartCount":2,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
              "lastState":{"terminated":{"exitCode":1,"finishedAt":"2025-03-01T11:59:30Z"}}}]
            """, statuses: "[]");
        Assert.Equal(["Init:CrashLoopBackOff", "2 (30s ago)"], Cells(Pods, crashing).Skip(2).Take(2));

        var failed = Pod(phase: "Pending", initContainers: """[{"name":"migrate"}]""",
            initStatuses: """[{"name":"migrate","state":{"terminated":{"exitCode":2}}}]""", statuses: "[]");
        Assert.Equal("Init:ExitCode:2", Cells(Pods, failed)[2]);
    }

    [Fact]
    public void Started_sidecars_count_as_containers()
    {
        var pod = Pod(phase: "Running", initContainers: """[{"name":"proxy","restartPolicy":"Always"}]""",
            initStatuses: """[{"name":"proxy","started":true,"ready":true,"restartCount":1,"state":{"running":{}}}]""",
            statuses: """[{"name":"app","ready":true,"state":{"running":{}}},{"name":"sidecar","ready":true,"state":{"running":{}}}]""",
            conditions: """[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}]""");
        Assert.Equal(["3/3", "Running", "1"], Cells(Pods, pod).Skip(1).Take(3));
    }

    [Fact]
    public void Scheduling_gated_pod_says_so()
    {
        var pod = Pod(phase: "Pending", statuses: "[]", conditions: """[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]""");
        Assert.Equal("SchedulingGated", Cells(Pods, pod)[2]);
    }

    [Fact]
    public void Wide_columns_show_nomination_and_readiness_gates()
    {
        var pod = Pod(phase: "Running", statuses: "[]", readinessGates: """[{"conditionType":"InPlaceUpdateReady"},{"conditionType":"example.com/lb"}]""",
            conditions: """[{"type":"InPlaceUpdateReady","status":"True"},{"type":"example.com/lb","status":"False"}]""",
            extraStatus: """, "nominatedNodeName":"node-2" """);
        Assert.Equal(["node-1", "node-2", "1/2"], Cells(Pods, pod).Skip(6));
    }

    private static JsonObject Pod(
        string phase, string statuses, string nodeName = "node-1", bool deleting = false, string initContainers = "[]",
        string initStatuses = "[]", string conditions = "[]", string readinessGates = "[]", string extraStatus = "") => Json($$$"""
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web-0","namespace":"shop","uid":"u-1","resourceVersion":"42","creationTimestamp":"{{{Ago(TimeSpan.FromHours(3))}}}"
           {{{(deleting ? $", \"deletionTimestamp\":\"{Ago(TimeSpan.FromSeconds(10))}\"" : "")}}}},
         "spec":{"nodeName":"{{{nodeName}}}","initContainers":{{{initContainers}}},"readinessGates":{{{readinessGates}}},
           "containers":[{"name":"app","image":"nginx:1.25"},{"name":"sidecar","image":"busybox"}]},
         "status":{"phase":"{{{phase}}}","conditions":{{{conditions}}},"initContainerStatuses":{{{initStatuses}}},"containerStatuses":{{{statuses}}}{{{extraStatus}}}}}
        """);
}
