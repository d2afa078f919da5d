using Kruise.Actors.LocalCluster.Tables;
using static Kruise.Actors.LocalCluster.Tests.Tables.TableTestKit;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class ClusterTableTests
{
    private static readonly string Created = Ago(TimeSpan.FromDays(5) + TimeSpan.FromHours(1));

    [Fact]
    public void PodDisruptionBudget_shows_either_bound_and_the_disruptions_allowed()
    {
        var printer = TablePrinters.ForBuiltIn("policy", "PodDisruptionBudget");
        Assert.Equal(["Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"], Columns(printer));

        var byCount = Json($$$"""{"metadata":{"name":"web","creationTimestamp":"{{{Created}}}"},"spec":{"minAvailable":2},"status":{"disruptionsAllowed":1}}""");
        Assert.Equal(["web", "2", "N/A", "1", "5d1h"], Cells(printer, byCount));

        var byPercent = Json("""{"metadata":{"name":"db"},"spec":{"maxUnavailable":"25%"}}""");
        Assert.Equal(["db", "N/A", "25%", "0", "<unknown>"], Cells(printer, byPercent));
    }

    [Fact]
    public void PriorityClass_shows_value_default_flag_and_preemption_policy()
    {
        var printer = TablePrinters.ForBuiltIn("scheduling.k8s.io", "PriorityClass");
        Assert.Equal(["Name", "Value", "Global-Default", "Age", "PreemptionPolicy"], Columns(printer));

        var critical = Json($$$"""{"metadata":{"name":"system-cluster-critical","creationTimestamp":"{{{Created}}}"},"value":2000000000,"globalDefault":false,"preemptionPolicy":"PreemptLowerPriority"}""");
        Assert.Equal(["system-cluster-critical", "2000000000", "false", "5d1h", "PreemptLowerPriority"], Cells(printer, critical));

        var fallback = Json("""{"metadata":{"name":"low"},"value":-10,"globalDefault":true}""");
        Assert.Equal(["low", "-10", "true", "<unknown>", ""], Cells(printer, fallback));
    }

    [Fact]
    public void ResourceQuota_lists_used_over_hard_sorted_with_limits_apart()
    {
        var printer = TablePrinters.ForBuiltIn("", "ResourceQuota");
        Assert.Equal(["Name", "Request", "Limit", "Age"], Columns(printer));

        var quota = Json($$$"""
            {"metadata":{"name":"compute","creationTimestamp":"{{{Created}}}"},
             "spec":{"hard":{"pods":"10"}},
             "status":{"hard":{"requests.cpu":"1","pods":"10","limits.memory":"2Gi","limits.cpu":"2","requests.memory":"1Gi"},
                       "used":{"requests.cpu":"500m","pods":"3","limits.cpu":"1"} } }
            """);
        Assert.Equal(["compute", "pods: 3/10, requests.cpu: 500m/1, requests.memory: 0/1Gi", "limits.cpu: 1/2, limits.memory: 0/2Gi", "5d1h"], Cells(printer, quota));

        // Nothing computed yet (no status): both columns empty, as the apiserver prints a new quota.
        var fresh = Json("""{"metadata":{"name":"new"},"spec":{"hard":{"pods":"1"}}}""");
        Assert.Equal(["new", "", "", "<unknown>"], Cells(printer, fresh));
    }

    [Fact]
    public void RoleBinding_and_ClusterRoleBinding_show_the_role_and_wide_subject_lists()
    {
        foreach (var (kind, noun) in new[] { ("RoleBinding", "roleBinding"), ("ClusterRoleBinding", "clusterRoleBinding") })
        {
            var printer = TablePrinters.ForBuiltIn("rbac.authorization.k8s.io", kind);
            Assert.Equal(["Name", "Role", "Age", "Users*", "Groups*", "ServiceAccounts*"], Columns(printer));
            Assert.Equal($"Users in the {noun}", printer.Columns[3].Description);
        }

        var binding = Json($$$"""
            {"metadata":{"name":"kruise-manager","namespace":"kruise-system","creationTimestamp":"{{{Created}}}"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"kruise-manager-role"},
             "subjects":[{"kind":"ServiceAccount","name":"kruise-manager","namespace":"kruise-system"},
                         {"kind":"User","name":"alice"},{"kind":"Group","name":"devs"},{"kind":"User","name":"bob"},
                         {"kind":"ServiceAccount","name":"ci","namespace":"build"}]}
            """);
        Assert.Equal(["kruise-manager", "ClusterRole/kruise-manager-role", "5d1h", "alice, bob", "devs", "kruise-system/kruise-manager, build/ci"],
            Cells(TablePrinters.ForBuiltIn("rbac.authorization.k8s.io", "RoleBinding"), binding));

        var bare = Json("""{"metadata":{"name":"empty"},"roleRef":{"kind":"Role","name":"reader"}}""");
        Assert.Equal(["empty", "Role/reader", "<unknown>", "", "", ""], Cells(TablePrinters.ForBuiltIn("rbac.authorization.k8s.io", "ClusterRoleBinding"), bare));
    }

    [Fact]
    public void LimitRange_has_no_printer_of_its_own_and_gets_name_and_creation_time()
    {
        var printer = TablePrinters.ForBuiltIn("", "LimitRange");
        Assert.Equal(["Name", "Created At"], Columns(printer));
        var limits = Json("""{"metadata":{"name":"defaults","creationTimestamp":"2025-02-27T08:30:00Z"},"spec":{"limits":[{"type":"Container"}]}}""");
        Assert.Equal(["defaults", "2025-02-27T08:30:00Z"], Cells(printer, limits));
    }
}
