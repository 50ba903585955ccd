using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Services;

namespace RocketMQ.Orleans.Broker.ControlPlane.Changes;

/// <summary>
/// Tells every active silo that a control-plane grain changed: this silo's hub directly, every other silo that the
/// local membership view calls Active through its <see cref="IControlPlaneChangeService"/> (one-way calls).
/// A silo missed (joining, or a lost message) catches up through its caches' time-to-live.
/// </summary>
internal sealed partial class ControlPlaneChangePublisher(
    IServiceProvider services,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    ControlPlaneChangeHub hub,
    ILogger<ControlPlaneChangePublisher> logger)
    : GrainServiceClient<IControlPlaneChangeService>(services), IControlPlaneChangePublisher
{
    public async Task PublishAsync(ControlPlaneChange change)
    {
        hub.Publish(change);
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status != SiloStatus.Active || member.SiloAddress.Equals(localSilo.SiloAddress))
            {
                continue;
            }

            try
            {
                await GetGrainService(member.SiloAddress).NotifyAsync(change).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogNotifyFailed(logger, exception, change.Kind, change.Key, member.SiloAddress);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify silo {Silo} of a change to {Kind} {Key}; its cache expires on its own")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, ControlPlaneChangeKind kind, string key, SiloAddress silo);
}
