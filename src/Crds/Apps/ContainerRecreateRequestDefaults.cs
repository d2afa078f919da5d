using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Apps;

/// <summary>
/// The pure part of OpenKruise's ContainerRecreateRequest defaulting: a strategy with failurePolicy Fail.
/// The rest of its create-time mutation needs the pod and node (the pod-uid, node-name and active
/// labels, terminationGracePeriodSeconds from the pod, and preStop, ports and statusContext copied
/// from its containers), so it is left to the create path, which reads them.
/// </summary>
public static class ContainerRecreateRequestDefaults
{
    public static ContainerRecreateRequest Apply(ContainerRecreateRequest input)
    {
        var request = ObjectCopy.Clone(input);
        var strategy = request.Spec.Strategy ??= new ContainerRecreateRequestStrategy();
        strategy.FailurePolicy ??= ContainerRecreateRequestFailurePolicies.Fail;
        return request;
    }
}
