namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>A field's patchStrategy struct tag in k8s.io/api (retainKeys is carried separately).</summary>
public enum PatchStrategy
{
    /// <summary>No tag: a list is replaced by the patch's list, an object is merged.</summary>
    None,

    /// <summary>patchStrategy:"merge": a list merges element-wise (by merge key, or as a set of primitives).</summary>
    Merge,

    /// <summary>patchStrategy:"replace": an object is replaced by the patch's object (e.g. PodDisruptionBudget's selector).</summary>
    Replace,
}
