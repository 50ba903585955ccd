using System.Text.Json.Nodes;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Interop.Tests.Wire;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Interop.Tests.Transactions;

/// <summary>
/// ali-ons as witness: it sends half messages (produce.js with TRAN_MSG / PGROUP properties, which make ali-ons set the
/// prepared sys flag), the transactions are ended on the wire as the Java client ends them, and an ali-ons push
/// consumer receives exactly the committed ones, decoded intact.
/// </summary>
[Collection(WireCollection.Name)]
[Trait("Category", "Wire")]
public sealed class AliOnsTransactionTests(SharedSilo shared)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Half_messages_sent_by_ali_ons_are_delivered_to_ali_ons_only_when_committed()
    {
        var silo = shared.Silo;
        var topic = Scenarios.UniqueName("TxAli");
        var group = Scenarios.UniqueName("PID_tx");
        await Scenarios.CreateTopicsAsync(silo, new TopicSpec(topic, QueueNums: 2));

        var config = new JsonObject
        {
            ["nameSrv"] = silo.NameServerAddress,
            ["timeoutMs"] = (long)Timeout.TotalMilliseconds,
            ["topic"] = topic,
            ["producerGroup"] = group,
            ["count"] = 4,
            ["properties"] = new JsonObject { [MessageConst.PropertyTransactionPrepared] = "true", [MessageConst.PropertyProducerGroup] = group },
        };
        IReadOnlyList<SentMessage> sent;
        await using (var producer = NodeScenario.Start("produce.js", config, "tx-producer"))
        {
            await producer.WaitForExitAsync(Timeout);
            Assert.Empty(producer.SendErrors());
            sent = [.. producer.SentMessages().OrderBy(message => message.Seq)];
        }

        Assert.Equal(4, sent.Count);
        Assert.Equal(0, await RealMessagesAsync(silo, topic));

        // Commit #0 (twice) and #3, roll back #1, leave #2 open.
        Assert.Equal(ResponseCode.Success, (await EndAsync(silo, group, sent[0], MessageSysFlag.TransactionCommitType)).Code);
        Assert.Equal(ResponseCode.Success, (await EndAsync(silo, group, sent[1], MessageSysFlag.TransactionRollbackType)).Code);
        Assert.Equal(ResponseCode.Success, (await EndAsync(silo, group, sent[3], MessageSysFlag.TransactionCommitType)).Code);
        Assert.Equal(ResponseCode.Success, (await EndAsync(silo, group, sent[0], MessageSysFlag.TransactionCommitType)).Code);
        // A commit is acknowledged once stored; its consume-queue entry follows when the dispatcher reaches it.
        await Eventually.HoldsAsync(async () => await RealMessagesAsync(silo, topic) == 2, TimeSpan.FromSeconds(10),
            "the two committed messages reach the real topic's queues");

        await using var consumer = Scenarios.StartConsumer(silo, new ConsumeOptions
        {
            ConsumerGroup = Scenarios.UniqueName("GID_tx"),
            Topic = topic,
            ExpectCount = 2,
            Timeout = Timeout,
        });
        await consumer.WaitForExitAsync(Timeout + TimeSpan.FromSeconds(15));

        var delivered = consumer.Deliveries();
        Assert.True(delivered.Select(d => d.Seq).Order().SequenceEqual([0, 3]), "only the committed messages arrive:\n" + consumer.Diagnostics());
        foreach (var delivery in delivered)
        {
            var original = sent[delivery.Seq!.Value];
            Assert.Equal(topic, delivery.Topic);
            Assert.Equal(original.BodySha256, delivery.BodySha256);
            Assert.Equal(original.Tags, delivery.Tags);
            Assert.Equal(original.UserProperties["label"], delivery.Properties["label"]);
            Assert.NotEqual(original.MsgId, delivery.MsgId);
        }
    }

    private static async Task<long> RealMessagesAsync(SiloFixture silo, string topic) =>
        await BrokerAdmin.GetMaxOffsetAsync(silo, topic, 0) + await BrokerAdmin.GetMaxOffsetAsync(silo, topic, 1);

    private static async Task<RemotingCommand> EndAsync(SiloFixture silo, string group, SentMessage half, int type)
    {
        Assert.True(MessageIds.TryParseOffsetMessageId(half.MsgId, out _, out var commitLogOffset), "ali-ons reports the offset message id: " + half.MsgId);
        var request = RemotingCommand.CreateRequest(RequestCode.EndTransaction, new EndTransactionRequestHeader
        {
            ProducerGroup = group,
            TranStateTableOffset = half.QueueOffset,
            CommitLogOffset = commitLogOffset,
            CommitOrRollback = type,
            MsgId = half.MsgId,
        });
        await using var connection = await RemotingConnection.ConnectAsync(silo.BrokerAddress, TimeSpan.FromSeconds(10));
        return await connection.InvokeAsync(request, TimeSpan.FromSeconds(10));
    }
}
