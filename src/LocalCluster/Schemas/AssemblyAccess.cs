using System.Runtime.CompilerServices;

// The Go text renderings (GoText) are internal but worth testing directly: clients compare them verbatim.
[assembly: InternalsVisibleTo("Kruise.Actors.LocalCluster.Tests")]
