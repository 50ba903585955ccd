using System.Text;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Consumer;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests.Transactions;

/// <summary>A silo process with fast transaction checks (1 s rounds, 3 s timeout, 3 checks) and client helpers for it.</summary>
internal static class TransactionSilo
{
    public const string CheckMaxTimeTopic = "TRANS_CHECK_MAX_TIME_TOPIC";

    /// <summary>Each poll of <see cref="BodiesAsync"/> opens a client: poll at a pace that doesn't churn hundreds of them.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static Task<SiloFixture> StartAsync() => SiloFixture.StartAsync(
    [
        new("RocketMQ:Broker:TransactionCheckInterval", "1000"),
        new("RocketMQ:Broker:TransactionTimeOut", "3000"),
        new("RocketMQ:Broker:TransactionCheckMax", "3"),
    ]);

    public static RocketMQClientOptions ClientOptions(SiloFixture silo) => new()
    {
        NameServerAddress = silo.NameServerAddress,
        ClientIp = "127.0.0.1",
        InstanceName = "tx-" + Guid.NewGuid().ToString("N")[..8],
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public static async Task CreateTopicAsync(SiloFixture silo, string topic)
    {
        await using var admin = new RocketMQAdmin(ClientOptions(silo));
        await admin.CreateTopicAsync(new TopicConfig { TopicName = topic, ReadQueueNums = 2, WriteQueueNums = 2 });
    }

    /// <summary>Bodies of every message in the topic's queues (empty when the topic has no route yet).</summary>
    public static async Task<List<string>> BodiesAsync(SiloFixture silo, string topic)
    {
        var bodies = new List<string>();
        await using var consumer = new RocketMQPullConsumer(ClientOptions(silo), new PullConsumerOptions { ConsumerGroup = "TxReader" });
        IReadOnlyList<MessageQueue> queues;
        try
        {
            queues = await consumer.FetchSubscribeQueuesAsync(topic);
        }
        catch (RocketMQClientException)
        {
            return bodies;
        }

        foreach (var queue in queues)
        {
            long offset = 0;
            while (true)
            {
                var result = await consumer.PullAsync(queue, offset);
                if (result.Status != PullStatus.Found)
                {
                    break;
                }

                bodies.AddRange(result.Messages.Select(message => Encoding.UTF8.GetString(message.Body)));
                offset = result.NextBeginOffset;
            }
        }

        return bodies;
    }

    /// <summary>END_TRANSACTION for a half message sent by our client, as the Java client sends it (here two-way, to see the answer).</summary>
    public static async Task<RemotingCommand> EndAsync(SiloFixture silo, string group, SendResult half, int type)
    {
        Assert.True(MessageIds.TryParseOffsetMessageId(half.OffsetMsgId, out _, out var commitLogOffset));
        var request = RemotingCommand.CreateRequest(RequestCode.EndTransaction, new EndTransactionRequestHeader
        {
            ProducerGroup = group,
            TranStateTableOffset = half.QueueOffset,
            CommitLogOffset = commitLogOffset,
            CommitOrRollback = type,
            MsgId = half.MsgId,
            TransactionId = half.MsgId,
        });
        await using var connection = await RemotingConnection.ConnectAsync(silo.BrokerAddress, TimeSpan.FromSeconds(10));
        return await connection.InvokeAsync(request, TimeSpan.FromSeconds(10));
    }
}
