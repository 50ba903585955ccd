using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Processors.Admin;

/// <summary>
/// INVOKE_BROKER_TO_GET_CONSUMER_STATUS (mqadmin getConsumerStatus, Apache Broker2Client.getConsumeStatus): asks each
/// consumer of the group (or only originClientId) for its offsets of the topic with GET_CONSUMER_STATUS_FROM_CLIENT
/// over its own connection, and answers them by client id. A consumer that fails or times out is left out, as Apache
/// leaves it out.
/// </summary>
internal sealed class ConsumerStatusProcessor(BrokerRuntime runtime) : IRequestProcessor
{
    /// <summary>Apache's invokeSync timeout for this call.</summary>
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(5);

    /// <summary>MQVersion.Version.V3_0_7_SNAPSHOT.ordinal().</summary>
    private const int MinimumClientVersion = 28;

    public async ValueTask<RemotingCommand?> ProcessRequestAsync(RemotingRequestContext context, RemotingCommand request, CancellationToken cancellationToken)
    {
        var topic = RequestFields.Required(request, "topic");
        var group = RequestFields.Required(request, "group");
        var originClientId = RequestFields.Optional(request, "originClientId");
        var channels = runtime.ConsumerManager.GetConsumerGroupInfo(group)?.GetChannels() ?? [];
        if (channels.Count == 0)
        {
            return request.CreateResponseTo(ResponseCode.SystemError, $"No Any Consumer online in the consumer group: [{group}]");
        }

        var body = new GetConsumerStatusBody();
        foreach (var channel in channels)
        {
            // A RocketMQ 5 gRPC consumer pops: it holds no queue offsets to report (Apache's proxy does not relay this call).
            if (channel.Remoting is not { } connection)
            {
                continue;
            }

            if (channel.Version < MinimumClientVersion)
            {
                return request.CreateResponseTo(ResponseCode.SystemError, "the client does not support this feature. version=" + channel.Version);
            }

            if (!string.IsNullOrWhiteSpace(originClientId) && !string.Equals(originClientId, channel.ClientId, StringComparison.Ordinal))
            {
                continue;
            }

            var ask = RemotingCommand.CreateRequest(RequestCode.GetConsumerStatusFromClient, new Dictionary<string, string> { ["topic"] = topic, ["group"] = group });
            try
            {
                var answer = await connection.InvokeAsync(ask, ClientTimeout, cancellationToken).ConfigureAwait(false);
                if (answer.Code == ResponseCode.Success && RemotingBody.TryDecode<GetConsumerStatusBody>(answer.Body.Span, out var status) && status is not null)
                {
                    body.ConsumerTable[channel.ClientId] = status.MessageQueueTable;
                }
            }
            catch (Exception exception) when (exception is RemotingTimeoutException or RemotingConnectionException or IOException)
            {
                // Apache logs and goes on to the next consumer.
            }
        }

        var response = request.CreateResponseTo(ResponseCode.Success);
        response.Body = body.Encode();
        return response;
    }
}
