using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Consumer;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Cli.Fuzz;

/// <summary>What the well-behaved pair saw: every acknowledged message must have been consumed.</summary>
internal sealed record GoodPairResult(long Acknowledged, long FailedSends, long Consumed, IReadOnlyList<string> Lost)
{
    public static readonly GoodPairResult None = new(0, 0, 0, []);
}

/// <summary>
/// A well-behaved producer and pull consumer on their own topic while the fuzzer runs: the producer sends one message
/// at a time and records each acknowledged body; the consumer long-polls every queue from offset 0.
/// </summary>
internal sealed class GoodPair : IAsyncDisposable
{
    public const string GroupName = "FuzzGoodConsumer";

    private readonly RocketMQProducer _producer;
    private readonly RocketMQPullConsumer _consumer;
    private readonly string _topic;
    private readonly ConcurrentDictionary<string, byte> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _consumed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopProducing = new();
    private readonly CancellationTokenSource _stopConsuming = new();
    private Task _producing = Task.CompletedTask;
    private Task _consuming = Task.CompletedTask;
    private long _failedSends;

    private GoodPair(RocketMQClientOptions options, string topic)
    {
        _topic = topic;
        _producer = new RocketMQProducer(options, new ProducerOptions { ProducerGroup = "FuzzGoodProducer" });
        _consumer = new RocketMQPullConsumer(options, new PullConsumerOptions { ConsumerGroup = GroupName });
    }

    /// <summary>Creates the pair's topic and returns the broker address and name that serve it.</summary>
    public static async Task<(GoodPair Pair, string BrokerAddress, string BrokerName)> StartAsync(string nameServer, string topic, CancellationToken cancellationToken)
    {
        var options = new RocketMQClientOptions { NameServerAddress = nameServer };
        string brokerAddress;
        string brokerName;
        await using (var admin = new RocketMQAdmin(options))
        {
            await admin.CreateTopicAsync(new TopicConfig { TopicName = topic, ReadQueueNums = 4, WriteQueueNums = 4 }, cancellationToken: cancellationToken).ConfigureAwait(false);
            var deadline = Stopwatch.GetTimestamp() + (20 * Stopwatch.Frequency);
            TopicRouteData? route;
            while ((route = await admin.GetTopicRouteAsync(topic, cancellationToken).ConfigureAwait(false)) is null || route.BrokerDatas.Count == 0)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new RocketMQClientException($"The topic {topic} was created but has no route after 20 s.");
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            var broker = route.BrokerDatas[0];
            brokerName = broker.BrokerName;
            brokerAddress = broker.BrokerAddrs.OrderBy(a => a.Key).First().Value;
        }

        var pair = new GoodPair(options, topic);
        var queues = await pair._consumer.FetchSubscribeQueuesAsync(topic, cancellationToken).ConfigureAwait(false);
        pair._producing = Task.Run(() => pair.ProduceAsync(pair._stopProducing.Token), CancellationToken.None);
        pair._consuming = Task.WhenAll(queues.Select(q => Task.Run(() => pair.ConsumeAsync(q, pair._stopConsuming.Token), CancellationToken.None)));
        return (pair, brokerAddress, brokerName);
    }

    public long Acknowledged => _acknowledged.Count;

    /// <summary>Stops producing and waits until everything acknowledged was consumed (or the timeout).</summary>
    public async Task<GoodPairResult> FinishAsync(TimeSpan timeout)
    {
        _stopProducing.Cancel();
        await _producing.ConfigureAwait(false);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (_acknowledged.Keys.Any(k => !_consumed.ContainsKey(k)) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        _stopConsuming.Cancel();
        await _consuming.ConfigureAwait(false);
        var lost = _acknowledged.Keys.Where(k => !_consumed.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        return new GoodPairResult(_acknowledged.Count, Interlocked.Read(ref _failedSends), _consumed.Count, lost);
    }

    public async ValueTask DisposeAsync()
    {
        _stopProducing.Cancel();
        _stopConsuming.Cancel();
        await Task.WhenAll(_producing, _consuming).ConfigureAwait(false);
        await _producer.DisposeAsync().ConfigureAwait(false);
        await _consumer.DisposeAsync().ConfigureAwait(false);
        _stopProducing.Dispose();
        _stopConsuming.Dispose();
    }

    private async Task ProduceAsync(CancellationToken cancellationToken)
    {
        for (long n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            string body = "good-" + n.ToString(CultureInfo.InvariantCulture);
            try
            {
                var result = await _producer.SendAsync(new Message(_topic, Encoding.UTF8.GetBytes(body)), cancellationToken).ConfigureAwait(false);
                if (result.Status == SendStatus.SendOk)
                {
                    _acknowledged.TryAdd(body, 0);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Not acknowledged, so not owed to the consumer; counted to show whether the fuzzer hurt others.
                Interlocked.Increment(ref _failedSends);
            }
        }
    }

    private async Task ConsumeAsync(MessageQueue queue, CancellationToken cancellationToken)
    {
        long offset = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var result = await _consumer.PullAsync(queue, offset, 32, "*", TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                foreach (var message in result.Messages)
                {
                    _consumed.TryAdd(Encoding.UTF8.GetString(message.Body), 0);
                }

                offset = result.NextBeginOffset;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // A failed pull is retried from the same offset: what matters is that nothing acknowledged goes missing.
                try
                {
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
