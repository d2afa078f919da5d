using Kruise.Actors.Bench.Harness;
using ScottPlot;

namespace Kruise.Actors.Bench.Controller;

/// <summary>The report as one PNG of four bar panels, each with its target as a dashed line.</summary>
public static class ControllerChart
{
    public static void Save(ControllerReport report, string path)
    {
        var figure = new Multiplot();
        figure.AddPlots(4);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);

        var rates = new List<(string, double)>();
        if (report.Raw is { } raw)
            rates.Add(("raw creates", raw.CreatesPerSecond));
        foreach (var run in report.ScaleOuts)
        {
            rates.Add(($"bare {run.Pods:N0}", run.BarePodsPerSecond));
            rates.Add(($"CloneSet 0->{run.Pods:N0}", run.PodsPerSecond));
        }
        Panel(figure.GetPlot(0), "Pods per second", "pods/s", rates, report.Raw is { } limit ? (limit.CreatesPerSecond * 0.8, "80 % of raw creates") : null);

        var rollout = report.Rollout?.Runs.Select(r => ($"{r.Strategy} ({r.Pods:N0})", r.RolloutSeconds)).ToList() ?? [];
        var ratio = report.Rollout is { } rr && rr.Runs.Count == 2 ? (rr.Runs[1].RolloutSeconds * 0.3, "0.3 x ReCreate") : ((double, string)?)null;
        Panel(figure.GetPlot(1), "Rollout wall time", "seconds", rollout, ratio);

        var footprint = report.Footprint;
        var memory = footprint is null ? [] : new List<(string, double)> { ("peak", footprint.PeakMiB), ("settled", footprint.SettledMiB) };
        Panel(figure.GetPlot(2), footprint is null ? "Controller memory" : $"Controller memory, {footprint.Pods:N0} pods", "MiB", memory, (300, "300 MiB"));

        var restart = footprint is null ? [] : new List<(string, double)> { ("ready", footprint.RestartReadySeconds), ("every Pod entity live", footprint.RestartEntitiesSeconds) };
        Panel(figure.GetPlot(3), footprint is null ? "Controller restart" : $"Controller restart, {footprint.Pods:N0} pods", "seconds", restart, (10, "10 s"));

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        figure.SavePng(path, 1200, 800);
    }

    private static void Panel(Plot plot, string title, string unit, IReadOnlyList<(string Label, double Value)> bars, (double Value, string Label)? target)
    {
        plot.Title(title);
        plot.Axes.Left.Label.Text = unit;
        if (bars.Count == 0)
        {
            plot.Add.Annotation("not measured in this run");
            return;
        }
        var added = plot.Add.Bars(bars.Select(b => b.Value).ToArray());
        foreach (var bar in added.Bars)
            bar.Label = ResultTable.Number(bar.Value);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, bars.Count).Select(i => (double)i)], [.. bars.Select(b => b.Label)]);
        if (target is { } line)
        {
            var marker = plot.Add.HorizontalLine(line.Value);
            marker.LinePattern = LinePattern.Dashed;
            marker.LegendText = "target: " + line.Label;
            // Below the axis: inside, it hid the labels of short bars.
            plot.ShowLegend(Edge.Bottom);
        }
        plot.Axes.Margins(bottom: 0, top: 0.15);
    }

}
