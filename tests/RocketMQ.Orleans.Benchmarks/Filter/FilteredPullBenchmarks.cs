using System.Globalization;
using BenchmarkDotNet.Attributes;
using RocketMQ.Orleans.Abstractions.Contracts;
using RocketMQ.Orleans.Benchmarks.Codec;
using RocketMQ.Orleans.Benchmarks.Support;
using RocketMQ.Orleans.Broker.Processors.Pull;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Benchmarks.Filter;

/// <summary>
/// Reading a whole queue through the broker's PULL_MESSAGE processor (store read, filter, response body) with a "*"
/// subscription, a tag subscription and SQL92 subscriptions, in the same run. One operation = one message of the
/// queue scanned; half the messages match the filtered subscriptions (every other message is TagA / red).
/// </summary>
[Config(typeof(FilterBenchmarkConfig.Macro))]
[MemoryDiagnoser]
public class FilteredPullBenchmarks
{
    private const int QueueMessages = 10_000;
    private const string Topic = "FilterBench";

    private BenchmarkBroker _broker = null!;
    private PullMessageProcessor _processor = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _broker = await BenchmarkBroker.StartAsync("rmq-filter-bench-", "broker-a", new BrokerOptions { EnablePropertyFilter = true },
            new BrokerTopicConfig(Topic, 1, 1, PermName.ReadWrite));
        _processor = new PullMessageProcessor(_broker.Runtime);

        var body = SampleMessages.Body(256);
        for (int i = 0; i < QueueMessages; i++)
        {
            await _broker.Store.PutOkAsync(new MessageToStore
            {
                Topic = Topic,
                QueueId = 0,
                Body = body,
                PropertiesString = MessageProperties.Encode(new Dictionary<string, string>
                {
                    [MessageConst.PropertyTags] = i % 2 == 0 ? "TagA" : "TagB",
                    [MessageConst.PropertyKeys] = "order-" + i.ToString(CultureInfo.InvariantCulture),
                    [MessageConst.PropertyUniqClientMessageIdKeyidx] = UniqueKeyGenerator.Create(),
                    ["a"] = i.ToString(CultureInfo.InvariantCulture),
                    ["color"] = i % 2 == 0 ? "red" : "blue",
                    ["region"] = "eu-west",
                }),
                BornTimestamp = 1_764_000_000_000,
                BornHost = SampleMessages.BornHost,
                StoreHost = SampleMessages.StoreHost,
            });
        }

        await _broker.Store.WaitForDispatchAsync();
        // Fail fast if a subscription does not select what the figures claim.
        Check(await PullQueueAsync("*", null), QueueMessages);
        Check(await PullQueueAsync("TagA", null), QueueMessages / 2);
        Check(await PullQueueAsync("color = 'red'", SubscriptionData.ExpressionTypeSql92), QueueMessages / 2);
        Check(await PullQueueAsync("a BETWEEN 0 AND 9999 AND (color = 'red' OR region = 'nowhere')", SubscriptionData.ExpressionTypeSql92), QueueMessages / 2);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _broker.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = QueueMessages)]
    public Task<int> Unfiltered() => PullQueueAsync("*", null);

    [Benchmark(OperationsPerInvoke = QueueMessages)]
    public Task<int> Tag_half() => PullQueueAsync("TagA", null);

    [Benchmark(OperationsPerInvoke = QueueMessages)]
    public Task<int> Sql92_half() => PullQueueAsync("color = 'red'", SubscriptionData.ExpressionTypeSql92);

    [Benchmark(OperationsPerInvoke = QueueMessages)]
    public Task<int> Sql92_half_compound() =>
        PullQueueAsync("a BETWEEN 0 AND 9999 AND (color = 'red' OR region = 'nowhere')", SubscriptionData.ExpressionTypeSql92);

    /// <summary>Pulls the queue from offset 0 to its end, as a consumer that sends its subscription with every pull.</summary>
    private async Task<int> PullQueueAsync(string subscription, string? expressionType)
    {
        int delivered = 0;
        long offset = 0;
        while (true)
        {
            var header = new PullMessageRequestHeader
            {
                ConsumerGroup = "GID_filter_bench",
                Topic = Topic,
                QueueId = 0,
                QueueOffset = offset,
                MaxMsgNums = 32,
                SysFlag = 4,
                Subscription = subscription,
                ExpressionType = expressionType,
            };
            var response = (await _processor.ProcessRequestAsync(_broker.Context, RemotingCommand.CreateRequest(RequestCode.PullMessage, header), default))!;
            if (response.Code == ResponseCode.Success)
            {
                delivered += CountMessages(response.Body.Span);
            }
            else if (response.Code != ResponseCode.PullRetryImmediately)
            {
                return delivered;
            }

            offset = response.ReadHeader<PullMessageResponseHeader>().NextBeginOffset;
        }
    }

    /// <summary>Messages in a pull body (stored messages back to back, each starting with its total size).</summary>
    private static int CountMessages(ReadOnlySpan<byte> body)
    {
        int count = 0;
        while (body.Length >= 4)
        {
            body = body[StoredMessageLayout.ReadTotalSize(body)..];
            count++;
        }

        return count;
    }

    private static void Check(int delivered, int expected)
    {
        if (delivered != expected)
        {
            throw new InvalidOperationException($"delivered {delivered}, expected {expected}");
        }
    }
}
