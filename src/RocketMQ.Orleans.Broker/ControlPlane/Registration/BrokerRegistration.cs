using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using RocketMQ.Orleans.Abstractions.Grains;

namespace RocketMQ.Orleans.Broker.ControlPlane.Registration;

/// <summary>
/// Makes this silo's broker a member of its broker group and cluster once the silo is active, and withdraws the
/// member on a graceful shutdown. A silo that dies without shutting down leaves routes through Orleans liveness.
/// </summary>
internal sealed partial class BrokerRegistration(
    IGrainFactory grains,
    ILocalSiloDetails localSilo,
    IOptions<BrokerIdentityOptions> options,
    IOptions<Replication.ReplicationOptions> replication,
    ILogger<BrokerRegistration> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int MaxAttempts = 5;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BrokerRegistration), ServiceLifecycleStage.Active, RegisterAsync, UnregisterAsync);

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var identity = options.Value;
        var brokerName = identity.BrokerName!;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A replica's broker id follows its role (0 while it leads): its coordinator registers it.
                if (!replication.Value.Enabled)
                {
                    await grains.GetGrain<IBrokerGroupGrain>(brokerName)
                        .RegisterMemberAsync(identity.BrokerClusterName, identity.BrokerId, identity.BrokerAddress, localSilo.SiloAddress)
                        .WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                await grains.GetGrain<IClusterDirectoryGrain>(identity.BrokerClusterName)
                    .AddBrokerAsync(brokerName)
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                if (replication.Value.Enabled)
                    LogJoinedCluster(logger, brokerName, identity.BrokerAddress, identity.BrokerClusterName);
                else
                    LogRegistered(logger, brokerName, identity.BrokerId, identity.BrokerAddress, identity.BrokerClusterName);
                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                LogRetrying(logger, exception, brokerName, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task UnregisterAsync(CancellationToken cancellationToken)
    {
        var identity = options.Value;
        if (cancellationToken.IsCancellationRequested || replication.Value.Enabled)
        {
            // An ungraceful stop behaves like a crash: liveness, not this silo, takes the member out of routes.
            return;
        }

        try
        {
            await grains.GetGrain<IBrokerGroupGrain>(identity.BrokerName!)
                .UnregisterMemberAsync(identity.BrokerId, localSilo.SiloAddress)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            LogUnregistered(logger, identity.BrokerName!, identity.BrokerId);
        }
        catch (Exception exception)
        {
            // Liveness removes the member from routes anyway once the silo is gone.
            LogUnregisterFailed(logger, exception, identity.BrokerName!);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker {BrokerName} (id {BrokerId}, {Address}) registered in cluster {Cluster}")]
    private static partial void LogRegistered(ILogger logger, string brokerName, long brokerId, string address, string cluster);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Address} of broker group {BrokerName} joined cluster {Cluster}; its broker id follows its role in the group")]
    private static partial void LogJoinedCluster(ILogger logger, string brokerName, string address, string cluster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering broker {BrokerName} failed (attempt {Attempt}); retrying")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string brokerName, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker {BrokerName} (id {BrokerId}) unregistered")]
    private static partial void LogUnregistered(ILogger logger, string brokerName, long brokerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unregistering broker {BrokerName} failed; liveness will drop it")]
    private static partial void LogUnregisterFailed(ILogger logger, Exception exception, string brokerName);
}
