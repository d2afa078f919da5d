using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.TestSupport;

/// <summary>The tests serialize Kubernetes objects the way the shipped program does (see Program.cs).</summary>
internal static class ProductionJsonSetup
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: it must choose KubernetesJson's resolver before any test serializes.")]
    internal static void UseShippedMetadataResolver() => KubernetesJsonMetadata.UseReflection();
}
