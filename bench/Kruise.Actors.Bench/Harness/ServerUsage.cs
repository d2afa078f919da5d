namespace Kruise.Actors.Bench.Harness;

/// <summary>What a server in another process has used since it started: CPU time, bytes allocated, methods JIT-compiled.</summary>
public sealed record ServerUsage(TimeSpan Cpu, long AllocatedBytes, long CompiledMethods);

/// <summary>
/// A server measured apart from the client driving it. Null usage means the server shares the
/// client's process, whose own figures then cover both.
/// </summary>
public interface IServerUsage
{
    Task<ServerUsage?> Read();
}
