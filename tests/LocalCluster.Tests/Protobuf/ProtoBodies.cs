using Kruise.Actors.LocalCluster.Protobuf;

namespace Kruise.Actors.LocalCluster.Tests.Protobuf;

/// <summary>
/// Test shapes on top of the server's <see cref="ProtoWriter"/>, for bodies that need fields no
/// kubectl generator sets (Deployment strategies, timestamps, managedFields) or broken input.
/// </summary>
internal static class ProtoBodies
{
    extension(ProtoWriter)
    {
        /// <summary>A kubectl-style body: magic, then runtime.Unknown{typeMeta, raw, contentEncoding}.</summary>
        public static byte[] Body(string apiVersion, string kind, Action<ProtoWriter> obj, string contentEncoding = "")
        {
            var unknown = new ProtoWriter()
                .Message(1, t => t.String(1, apiVersion).String(2, kind))
                .Message(2, obj)
                .String(3, contentEncoding)
                .String(4, "");
            return [.. "k8s\0"u8.ToArray(), .. unknown.ToArray()];
        }
    }

    extension(ProtoWriter writer)
    {
        /// <summary>One map entry {1: key, 2: value}.</summary>
        public ProtoWriter Entry(int field, string key, string value) => writer.Message(field, e => e.String(1, key).String(2, value));
    }
}
