using System.Globalization;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Producer;

public sealed partial class RocketMQProducer
{
    private readonly RequestReplyTable _replies = new();
    private int _heartbeatSentForRequests;

    /// <summary>
    /// Sends a request message and waits for its reply (Apache 4.9 <c>DefaultMQProducer.request</c>): the consumer
    /// answers with <see cref="ReplyMessages.Create"/>, and the broker pushes the reply to this producer's connection.
    /// </summary>
    public async Task<MessageExt> RequestAsync(Message message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var correlationId = Guid.NewGuid().ToString();
        message.SystemProperties[MessageConst.PropertyCorrelationId] = correlationId;
        message.SystemProperties[MessageConst.PropertyMessageReplyToClient] = ClientId;
        message.SystemProperties[MessageConst.PropertyMessageTtl] = ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var waiter = _replies.Register(correlationId);
        try
        {
            await _publishInfo.GetAsync(message.Topic, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _heartbeatSentForRequests, 1) == 0)
            {
                // The broker finds the requester by its producer heartbeat: make sure the brokers of the route have one.
                await _heartbeat.SendToAllAsync(cancellationToken).ConfigureAwait(false);
            }

            await SendAsync(message, cancellationToken).ConfigureAwait(false);
            return await waiter.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            throw new RocketMQClientException($"No reply to request {correlationId} within {timeout}.", exception);
        }
        finally
        {
            _replies.Forget(correlationId);
        }
    }
}
