using System.Reflection;
using k8s;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Policy;
using Kruise.Actors.Crds.Schema;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds;

/// <summary>
/// Everything served about one kind: its names (from [CustomResource]) and its pure defaulting
/// and validation, so the CRD generator, the webhook and the controller read one list.
/// </summary>
public sealed class KindInfo
{
    private readonly Func<object, object> _default;
    private readonly Func<object, IReadOnlyList<FieldError>> _validate;
    private readonly Func<object, object, IReadOnlyList<FieldError>> _validateUpdate;

    private KindInfo(Type type, Func<object, object> defaults, Func<object, IReadOnlyList<FieldError>> validate,
        Func<object, object, IReadOnlyList<FieldError>> validateUpdate)
    {
        Type = type;
        Resource = type.GetCustomAttribute<CustomResourceAttribute>()
            ?? throw new InvalidOperationException($"{type.Name} has no [CustomResource]");
        Scale = type.GetCustomAttribute<ScaleSubresourceAttribute>();
        PrinterColumns = type.GetCustomAttributes<PrinterColumnAttribute>().OrderBy(c => c.Order).ToList();
        _default = defaults;
        _validate = validate;
        _validateUpdate = validateUpdate;
    }

    public Type Type { get; }
    public CustomResourceAttribute Resource { get; }
    public ScaleSubresourceAttribute? Scale { get; }
    public IReadOnlyList<PrinterColumnAttribute> PrinterColumns { get; }

    public string Group => Resource.Group;
    public string Kind => Resource.Kind;
    public string Plural => Resource.Plural;
    public string StorageVersion => Resource.Versions[0];
    public string ApiVersion => $"{Group}/{StorageVersion}";
    public string CrdName => $"{Plural}.{Group}";

    /// <summary>A defaulted copy of the object.</summary>
    public object Default(object value) => _default(value);

    public IReadOnlyList<FieldError> Validate(object value) => _validate(value);

    public IReadOnlyList<FieldError> ValidateUpdate(object oldValue, object newValue) => _validateUpdate(oldValue, newValue);

    /// <summary>Reads an object of this kind from JSON (as an admission request carries it).</summary>
    public object FromJson(string json) =>
        typeof(KubernetesJson).GetMethod(nameof(KubernetesJson.Deserialize), [typeof(string), typeof(System.Text.Json.JsonSerializerOptions)])!
            .MakeGenericMethod(Type).Invoke(null, [json, null])!;

    public static KindInfo Of<T>(Func<T, T> defaults, Func<T, IReadOnlyList<FieldError>> validate,
        Func<T, T, IReadOnlyList<FieldError>>? validateUpdate = null)
        where T : class =>
        new(typeof(T), o => defaults((T)o), o => validate((T)o),
            validateUpdate is null ? (_, n) => validate((T)n) : (o, n) => validateUpdate((T)o, (T)n));
}

/// <summary>The kinds this project serves, in the order `kruise-actors crds` prints them.</summary>
public static class KruiseKinds
{
    public static IReadOnlyList<KindInfo> All { get; } =
    [
        KindInfo.Of<CloneSet>(CloneSetDefaults.Apply, CloneSetValidation.Validate, CloneSetValidation.ValidateUpdate),
        KindInfo.Of<StatefulSet>(StatefulSetDefaults.Apply, StatefulSetValidation.Validate, StatefulSetValidation.ValidateUpdate),
        KindInfo.Of<DaemonSet>(DaemonSetDefaults.Apply, DaemonSetValidation.Validate, DaemonSetValidation.ValidateUpdate),
        KindInfo.Of<SidecarSet>(SidecarSetDefaults.Apply, SidecarSetValidation.Validate, SidecarSetValidation.ValidateUpdate),
        KindInfo.Of<ImagePullJob>(ImagePullJobDefaults.Apply, ImagePullJobValidation.Validate, ImagePullJobValidation.ValidateUpdate),
        KindInfo.Of<NodeImage>(NodeImageDefaults.Apply, NodeImageValidation.Validate),
        KindInfo.Of<ContainerRecreateRequest>(ContainerRecreateRequestDefaults.Apply, ContainerRecreateRequestValidation.Validate, ContainerRecreateRequestValidation.ValidateUpdate),
        KindInfo.Of<PodUnavailableBudget>(PodUnavailableBudgetDefaults.Apply, PodUnavailableBudgetValidation.Validate, PodUnavailableBudgetValidation.ValidateUpdate),
        KindInfo.Of<UnitedDeployment>(UnitedDeploymentDefaults.Apply, UnitedDeploymentValidation.Validate, UnitedDeploymentValidation.ValidateUpdate),
        KindInfo.Of<BroadcastJob>(BroadcastJobDefaults.Apply, BroadcastJobValidation.Validate),
        KindInfo.Of<AdvancedCronJob>(AdvancedCronJobDefaults.Apply, AdvancedCronJobValidation.Validate, AdvancedCronJobValidation.ValidateUpdate),
        KindInfo.Of<WorkloadSpread>(WorkloadSpreadDefaults.Apply, WorkloadSpreadValidation.Validate, WorkloadSpreadValidation.ValidateUpdate),
    ];

    public static KindInfo? Find(string group, string kind) =>
        All.FirstOrDefault(k => k.Group == group && k.Kind == kind);
}
