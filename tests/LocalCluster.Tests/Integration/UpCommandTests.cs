using System.Net;
using System.Net.Sockets;
using Kruise.Actors.Host.Up;
using static Kruise.Actors.LocalCluster.Tests.Controllers.Clusters;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>`kruise-actors up` and `kruise-actors local node` as a user runs them: a child process, then kubectl.</summary>
public sealed class UpCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kruise-actors-up-" + Guid.NewGuid().ToString("N")[..8]);

    private string Kubeconfig => Path.Combine(_folder, "kubeconfig");

    public void Dispose() => DeleteFolder(_folder);

    [Fact]
    public async Task Up_serves_a_ready_cluster_to_kubectl_stops_on_sigterm_and_resumes_from_its_folder()
    {
        string nodeUids;
        await using (var up = HostProcess.Start("up", "--port", "0", "--data", _folder, "--nodes", "2", "--zones", "2"))
        {
            var export = await up.WaitForOutput(l => l.Contains("export KUBECONFIG=", StringComparison.Ordinal));
            Assert.Equal($"export KUBECONFIG={Kubeconfig}", export.Trim());
            Assert.Contains("current-context: kruise-local", await File.ReadAllTextAsync(Kubeconfig));
            Assert.Empty(Directory.GetFiles(_folder, "kubeconfig*.tmp"));

            var nodes = (await Run("get nodes -L topology.kubernetes.io/zone")).Ok().Table();
            Assert.Equal(["kruise-node-1", "kruise-node-2"], nodes.Rows.Select(r => r["NAME"]));
            Assert.All(nodes.Rows, r => Assert.Equal("Ready", r["STATUS"]));
            Assert.Equal(["zone-a", "zone-b"], nodes.Rows.Select(r => r["ZONE"]));
            (await Run("get crd clonesets.apps.kruise.io")).Ok();
            (await Run("get clonesets -A")).Ok();
            (await Run("create namespace kept")).Ok();
            nodeUids = (await Run("get nodes -o jsonpath={.items[*].metadata.uid}")).Ok().Stdout;

            await using (var stop = await HostProcess.Run("local", "node", "stop", "kruise-node-2", "--data", _folder))
                Assert.True(stop.ExitCode == 0, stop.Stderr);
            Assert.Equal("true", (await Run("get node kruise-node-2 -o jsonpath={.metadata.annotations.local\\.kruise-actors\\.io/stopped}")).Ok().Stdout);
            await using (var start = await HostProcess.Run("local", "node", "start", "kruise-node-2", "--data", _folder))
                Assert.True(start.ExitCode == 0, start.Stderr);
            Assert.Equal("", (await Run("get node kruise-node-2 -o jsonpath={.metadata.annotations.local\\.kruise-actors\\.io/stopped}")).Ok().Stdout);
            await using (var unknown = await HostProcess.Run("local", "node", "stop", "kruise-node-9", "--data", _folder))
            {
                Assert.NotEqual(0, unknown.ExitCode);
                Assert.Equal("kruise-actors local node stop: node \"kruise-node-9\" not found (`kubectl get nodes` lists them)", Assert.Single(unknown.StderrLines));
            }

            await up.Terminate();
            await up.WaitForExit();
            Assert.True(up.ExitCode == 0, up.Stderr);
        }

        await using var again = HostProcess.Start("up", "--port", "0", "--data", _folder, "--nodes", "2", "--zones", "2", "--kube-version", "32");
        await again.WaitForOutput(l => l.Contains("export KUBECONFIG=", StringComparison.Ordinal));
        Assert.Equal(nodeUids, (await Run("get nodes -o jsonpath={.items[*].metadata.uid}")).Ok().Stdout);
        (await Run("get namespace kept")).Ok();
        (await Run("get crd clonesets.apps.kruise.io")).Ok();
        await again.Terminate();
        await again.WaitForExit();
        Assert.True(again.ExitCode == 0, again.Stderr);
    }

    [Fact]
    public async Task Up_on_an_occupied_port_fails_in_one_line()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var up = await HostProcess.Run("up", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", _folder);

        Assert.NotEqual(0, up.ExitCode);
        var line = Assert.Single(up.StderrLines);
        Assert.StartsWith("kruise-actors up: ", line);
        Assert.Contains($"127.0.0.1:{port}", line);
        Assert.False(File.Exists(Kubeconfig));
    }

    [Fact]
    public async Task Up_reports_a_corrupt_data_folder_in_one_line_and_leaves_it_alone()
    {
        Directory.CreateDirectory(_folder);
        var database = Path.Combine(_folder, "cluster.db");
        var content = "this is not an SQLite database, but it may be someone's only copy of something"u8.ToArray();
        await File.WriteAllBytesAsync(database, content);

        await using var up = await HostProcess.Run("up", "--port", "0", "--data", _folder);

        Assert.NotEqual(0, up.ExitCode);
        var line = Assert.Single(up.StderrLines);
        Assert.Contains(database, line);
        Assert.Contains("not a cluster database", line);
        Assert.Equal(content, await File.ReadAllBytesAsync(database));
        Assert.False(File.Exists(Kubeconfig));
    }

    private const string WebCloneSet = """
        apiVersion: apps.kruise.io/v1alpha1
        kind: CloneSet
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
        """;

    private string Journal => Path.Combine(_folder, "journal.db");

    private async Task<List<(string Name, string Uid)>> WebPods()
    {
        var output = (await Run("get pods -l app=web --no-headers -o custom-columns=NAME:.metadata.name,UID:.metadata.uid")).Ok().Stdout;
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => (p[0], p[1])).Order()];
    }

    [Fact]
    public async Task Up_runs_the_controller_so_a_CloneSet_gets_its_pods_and_the_same_folder_resumes_both()
    {
        List<(string Name, string Uid)> created;
        await using (var up = HostProcess.Start("up", "--port", "0", "--data", _folder, "--nodes", "1", "--zones", "1"))
        {
            await up.WaitForOutput(l => l.Contains("export KUBECONFIG=", StringComparison.Ordinal));
            Assert.Contains($"controller running: journal sqlite:{Journal}, kinds [CloneSet, Pod]", up.Stdout, StringComparison.Ordinal);

            (await Kubectl.Run(Kubeconfig, "apply -f -", WebCloneSet)).Ok();
            await Eventually(async () => (await WebPods()).Count == 2, "the controller creates two pods", seconds: 60);
            created = await WebPods();
            Assert.All(created, p => Assert.Matches("^web-[a-z0-9]{5}$", p.Name));
            await using (var shown = await HostProcess.Run("events", "show", "cloneset/default/web", "--data", _folder))
            {
                Assert.True(shown.ExitCode == 0, shown.Stderr);
                Assert.All(created, p => Assert.Contains($"create pod {p.Name}", shown.Stdout, StringComparison.Ordinal));
            }

            await up.Terminate();
            await up.WaitForExit();
            Assert.True(up.ExitCode == 0, up.Stderr);
        }

        await using var again = HostProcess.Start("up", "--port", "0", "--data", _folder, "--nodes", "1", "--zones", "1");
        await again.WaitForOutput(l => l.Contains("export KUBECONFIG=", StringComparison.Ordinal));
        (await Run("scale cloneset web --replicas 3")).Ok();
        await Eventually(async () => (await WebPods()).Count == 3, "the resumed controller scales to three", seconds: 60);
        Assert.Subset((await WebPods()).ToHashSet(), created.ToHashSet());
        await using (var listed = await HostProcess.Run("events", "list", "--data", _folder))
        {
            Assert.True(listed.ExitCode == 0, listed.Stderr);
            Assert.Contains(listed.Stdout.Split('\n'), l => l.Contains("CloneSet", StringComparison.Ordinal) && l.Contains("default", StringComparison.Ordinal) && l.Contains("web", StringComparison.Ordinal));
        }
        await again.Terminate();
        await again.WaitForExit();
        Assert.True(again.ExitCode == 0, again.Stderr);
    }

    [Fact]
    public async Task Up_with_no_controller_serves_the_cluster_alone()
    {
        await using var up = HostProcess.Start("up", "--port", "0", "--data", _folder, "--nodes", "1", "--zones", "1", "--no-controller");
        await up.WaitForOutput(l => l.Contains("export KUBECONFIG=", StringComparison.Ordinal));

        Assert.DoesNotContain("controller running", up.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Journal));
        (await Run("get clonesets -A")).Ok();
        await up.Terminate();
        await up.WaitForExit();
        Assert.True(up.ExitCode == 0, up.Stderr);
    }

    [Fact]
    public async Task Up_reports_a_corrupt_journal_in_one_line_stops_the_cluster_and_leaves_the_file_alone()
    {
        Directory.CreateDirectory(_folder);
        var content = "not a journal, and maybe someone's only copy of it"u8.ToArray();
        await File.WriteAllBytesAsync(Journal, content);

        await using var up = await HostProcess.Run("up", "--port", "0", "--data", _folder, "--nodes", "1", "--zones", "1");

        Assert.Equal(1, up.ExitCode);
        var line = Assert.Single(up.StderrLines);
        Assert.StartsWith($"kruise-actors up: cannot start the controller with journal sqlite:{Journal}: ", line);
        Assert.Equal(content, await File.ReadAllBytesAsync(Journal));
        Assert.False(File.Exists(Kubeconfig));
    }

    [Theory]
    [InlineData("--nodes abc", "kruise-actors: --nodes must be 1 to 256, got 'abc'")]
    [InlineData("--nodes 0", "kruise-actors: --nodes must be 1 to 256, got '0'")]
    [InlineData("--zones 27", "kruise-actors: --zones must be 1 to 26, got '27'")]
    [InlineData("--port 70000", "kruise-actors: --port must be 0 to 65535, got '70000'")]
    [InlineData("--kube-version 1.99", "kruise-actors: --kube-version must be 1.27 to 1.33 (written 1.32 or 32), got '1.99'")]
    [InlineData("--kube-version v1.32", "kruise-actors: --kube-version must be 1.27 to 1.33 (written 1.32 or 32), got 'v1.32'")]
    [InlineData("--http-port 70000", "kruise-actors: --http-port must be 0 to 65535, got '70000'")]
    [InlineData("--no-controller --http-port 0", "kruise-actors: --http-port serves the controller's endpoints; it cannot go with --no-controller")]
    [InlineData("--bogus", "kruise-actors: Unknown option 'bogus'.")]
    [InlineData("--nodes", "kruise-actors: --nodes needs a value")]
    public async Task Bad_flags_are_refused_in_one_line_before_anything_starts(string flags, string expected)
    {
        await using var up = await HostProcess.Run(["up", "--data", _folder, .. flags.Split(' ')]);

        Assert.NotEqual(0, up.ExitCode);
        Assert.Equal(expected, Assert.Single(up.StderrLines));
        Assert.False(Directory.Exists(_folder));
    }

    [Theory]
    [InlineData("1.32", "32")]
    [InlineData("32", "32")]
    [InlineData("1.27", "27")]
    [InlineData("33", "33")]
    [InlineData(" 1.30 ", "30")]
    [InlineData("1.26", null)]
    [InlineData("1.34", null)]
    [InlineData("v1.32", null)]
    [InlineData("1.32.0", null)]
    [InlineData("2.32", null)]
    [InlineData("", null)]
    [InlineData("+32", null)]
    public void Kube_version_is_read_as_1_minor_or_minor(string text, string? minor) => Assert.Equal(minor, KubeVersion.Minor(text));

    private Task<KubectlResult> Run(string arguments) => Kubectl.Run(Kubeconfig, arguments);
}
