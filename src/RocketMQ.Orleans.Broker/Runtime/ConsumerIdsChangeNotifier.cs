using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Tells a group's consumers that its membership changed, so they rebalance now (Apache Broker2Client).</summary>
public sealed class ConsumerIdsChangeNotifier(ILogger<ConsumerIdsChangeNotifier> logger)
{
    public void Notify(string group, IReadOnlyList<ClientChannelInfo> channels)
    {
        foreach (var channel in channels)
        {
            // A RocketMQ 5 gRPC consumer pops: it has no queues to rebalance and no remoting connection (Apache's proxy skips it too).
            if (channel.Remoting is not { IsActive: true } connection)
            {
                continue;
            }

            var request = RemotingCommand.CreateRequest(RequestCode.NotifyConsumerIdsChanged,
                new NotifyConsumerIdsChangedRequestHeader { ConsumerGroup = group });
            request.MarkOneway();
            try
            {
                var sent = connection.InvokeOnewayAsync(request);
                if (!sent.IsCompletedSuccessfully)
                {
                    _ = ObserveAsync(sent, group, channel);
                }
            }
            catch (Exception exception)
            {
                BrokerLog.NotifyConsumerIdsChangedFailed(logger, exception, group, channel.ClientId);
            }
        }
    }

    private async Task ObserveAsync(ValueTask sent, string group, ClientChannelInfo channel)
    {
        try
        {
            await sent.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            BrokerLog.NotifyConsumerIdsChangedFailed(logger, exception, group, channel.ClientId);
        }
    }
}
