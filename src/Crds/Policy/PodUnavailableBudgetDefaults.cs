using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Policy;

/// <summary>OpenKruise sets no defaults on a PodUnavailableBudget; this returns an unchanged copy for the uniform pipeline.</summary>
public static class PodUnavailableBudgetDefaults
{
    public static PodUnavailableBudget Apply(PodUnavailableBudget input) => ObjectCopy.Clone(input);
}
