namespace Kruise.Actors.Crds.Common;

/// <summary>OpenKruise's API groups, kept so users' existing YAML applies unchanged.</summary>
public static class KruiseGroups
{
    public const string Apps = "apps.kruise.io";
    public const string Policy = "policy.kruise.io";
}
