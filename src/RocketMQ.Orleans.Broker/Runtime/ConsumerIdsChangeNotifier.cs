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
            if (!channel.Connection.IsActive)
            {
                continue;
            }

            var request = RemotingCommand.CreateRequest(RequestCode.NotifyConsumerIdsChanged,
                new NotifyConsumerIdsChangedRequestHeader { ConsumerGroup = group });
            request.MarkOneway();
            try
            {
                var sent = channel.Connection.InvokeOnewayAsync(request);
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
