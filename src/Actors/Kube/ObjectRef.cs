namespace Kruise.Actors.Kube;

/// <summary>
/// Names one API object for the command gateway: its group/version and plural resource (what the
/// REST path needs), its kind (what events and owner references need), namespace and name.
/// </summary>
public sealed record ObjectRef(string Group, string Version, string Resource, string Kind, string? Namespace, string Name)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public static ObjectRef Pod(string ns, string name) => new("", "v1", "pods", "Pod", ns, name);

    public static ObjectRef PersistentVolumeClaim(string ns, string name) => new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", ns, name);

    public static ObjectRef ControllerRevision(string ns, string name) => new("apps", "v1", "controllerrevisions", "ControllerRevision", ns, name);

    public static ObjectRef CloneSet(string ns, string name) => new("apps.kruise.io", "v1alpha1", "clonesets", "CloneSet", ns, name);

    public override string ToString() => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}
