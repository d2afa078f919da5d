namespace Kruise.Actors.LocalCluster.Tests.Faults;

/// <summary>A random source that returns the given draws in order and fails when asked for more, so a test also pins how many draws a decision makes.</summary>
public sealed class ScriptedRandom(params double[] draws) : Random
{
    private int _next;

    public int Used => _next;

    public override double NextDouble() => _next < draws.Length ? draws[_next++] : throw new InvalidOperationException($"asked for draw {_next + 1} of {draws.Length}");

    public override int Next(int maxValue) => (int)(NextDouble() * maxValue);
}
