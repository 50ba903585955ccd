using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Produces to a broker group that is not this process's own, over RocketMQ remoting, to the exact queue the
/// stream maps to (so the key's order holds). The producer is created on first use: the name server a silo uses
/// is its own, known only once its endpoints have started.
/// </summary>
internal sealed class RemoteStreamProducer(string providerName, Func<string?> nameServerAddress, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RocketMQProducer? _producer;

    /// <summary>Sends the messages in order; returns the queue offset just past the last one (-1 if unknown).</summary>
    public async Task<long> SendAsync(StreamQueue queue, IReadOnlyList<(byte[] Body, string Properties)> messages)
    {
        var target = new MessageQueue(queue.Topic, queue.BrokerName, queue.QueueId);
        long next = -1;
        // One send at a time, in order: each event keeps its place in the key's queue.
        foreach (var (body, properties) in messages)
        {
            var message = ToMessage(queue.Topic, body, properties);
            var producer = _producer ?? await CreateAsync().ConfigureAwait(false);
            try
            {
                next = Next(await producer.SendAsync(message, target).ConfigureAwait(false));
            }
            catch (RocketMQClientException first)
            {
                // Often a route read while the target group was not (or no longer) live, e.g. around a silo restart:
                // one more try with a fresh producer, hence a fresh route, instead of waiting out the refresh interval.
                await ResetAsync(producer).ConfigureAwait(false);
                producer = _producer ?? await CreateAsync().ConfigureAwait(false);
                try
                {
                    next = Next(await producer.SendAsync(message, target).ConfigureAwait(false));
                }
                catch (RocketMQClientException ex)
                {
                    await ResetAsync(producer).ConfigureAwait(false);
                    throw new RocketMQStreamException($"Could not write to {queue}: {ex.Message} (first attempt: {first.Message})", ex);
                }
            }
        }

        return next;
    }

    private static long Next(SendResult result) => result.QueueOffset >= 0 ? result.QueueOffset + 1 : -1;

    private static Message ToMessage(string topic, byte[] body, string encodedProperties)
    {
        var message = new Message(topic, body);
        foreach (var (name, value) in MessageProperties.Decode(encodedProperties))
        {
            // KEYS and TAGS have their own fields; the client sets the other system properties (unique key...) itself.
            if (name == MessageConst.PropertyKeys) message.Keys = value;
            else if (name == MessageConst.PropertyTags) message.Tags = value;
            else if (!MessageConst.ReservedPropertyNames.Contains(name) && name != MessageConst.PropertyUniqClientMessageIdKeyidx) message.Properties[name] = value;
        }

        return message;
    }

    private async Task ResetAsync(RocketMQProducer failed)
    {
        if (Interlocked.CompareExchange(ref _producer, null, failed) == failed)
            await failed.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<RocketMQProducer> CreateAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_producer is not null) return _producer;
            var address = nameServerAddress() ?? throw new InvalidOperationException(
                $"RocketMQ stream provider '{providerName}': no name server to reach other broker groups (set NameServerAddress).");
            _producer = new RocketMQProducer(
                new RocketMQClientOptions { NameServerAddress = address, InstanceName = "orleans-streams-" + providerName + "-" + Environment.ProcessId },
                new ProducerOptions { ProducerGroup = "orleans-streams-" + providerName },
                loggerFactory);
            return _producer;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _producer, null) is { } producer)
            await producer.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
