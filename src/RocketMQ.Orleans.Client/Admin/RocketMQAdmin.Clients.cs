using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Admin;

public sealed partial class RocketMQAdmin
{
    /// <summary>A producer group's connections on one broker (Apache <c>examineProducerConnectionInfo</c>).</summary>
    public async Task<ProducerConnection> GetProducerConnectionAsync(string brokerAddress, string producerGroup, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(producerGroup);
        var request = _core.CreateRequest(RequestCode.GetProducerConnectionList);
        request.ExtFields = new() { ["producerGroup"] = producerGroup };
        var response = await _core.InvokeAsync(brokerAddress, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<ProducerConnection>(response, brokerAddress);
    }

    /// <summary>
    /// A consumer's running info, asked through a broker it is connected to, which forwards the call to it
    /// (Apache <c>getConsumerRunningInfo</c>, mqadmin consumerStatus).
    /// </summary>
    public async Task<ConsumerRunningInfo> GetConsumerRunningInfoAsync(string brokerAddress, string consumerGroup, string clientId, bool jstack = false, CancellationToken cancellationToken = default)
    {
        var request = _core.CreateRequest(RequestCode.GetConsumerRunningInfo);
        request.ExtFields = new()
        {
            ["consumerGroup"] = consumerGroup,
            ["clientId"] = clientId,
            ["jstackEnable"] = jstack ? "true" : "false",
        };
        var response = await _core.InvokeAsync(brokerAddress, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<ConsumerRunningInfo>(response, brokerAddress);
    }

    /// <summary>
    /// Has one consumer consume a stored message now, through a broker it is connected to (Apache
    /// <c>consumeMessageDirectly</c>, mqadmin consumeMessage); <paramref name="offsetMsgId"/> names the message.
    /// </summary>
    public async Task<ConsumeMessageDirectlyResult> ConsumeMessageDirectlyAsync(string brokerAddress, string consumerGroup, string clientId, string offsetMsgId, CancellationToken cancellationToken = default)
    {
        var request = _core.CreateRequest(RequestCode.ConsumeMessageDirectly);
        request.ExtFields = new() { ["consumerGroup"] = consumerGroup, ["clientId"] = clientId, ["msgId"] = offsetMsgId };
        var response = await _core.InvokeAsync(brokerAddress, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<ConsumeMessageDirectlyResult>(response, brokerAddress);
    }

    /// <summary>
    /// Each online consumer's offsets of a topic, by client id, collected by a broker from the consumers (Apache
    /// <c>getConsumeStatus</c>, mqadmin getConsumerStatus); only <paramref name="clientId"/>'s when given.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Dictionary<MessageQueue, long>>> GetConsumerStatusAsync(string brokerAddress, string topic, string consumerGroup, string? clientId = null, CancellationToken cancellationToken = default)
    {
        var request = _core.CreateRequest(RequestCode.InvokeBrokerToGetConsumerStatus);
        request.ExtFields = new() { ["topic"] = topic, ["group"] = consumerGroup };
        if (clientId is not null)
        {
            request.ExtFields["originClientId"] = clientId;
        }

        var response = await _core.InvokeAsync(brokerAddress, request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ResponseChecks.DecodeBody<GetConsumerStatusBody>(response, brokerAddress).ConsumerTable;
    }
}
