using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Broker.Runtime;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Broker.Transactions;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Tests.Transactions;

/// <summary>
/// A socket-free broker for transaction tests that can be stopped and reopened on the same data directory
/// (store and runtime recreated, as after a silo restart), with helpers speaking the wire requests a producer sends.
/// </summary>
internal sealed class TransactionBroker : IAsyncDisposable
{
    public const string ProducerGroup = "TxPG";
    public static readonly IPEndPoint StoreHost = new(IPAddress.Parse("192.168.7.9"), 10911);

    private readonly Action<BrokerOptions>? _configure;
    private readonly InMemoryTopics _topics = new();
    private readonly InMemoryGroups _groups = new();

    private TransactionBroker(string dataPath, Action<BrokerOptions>? configure)
    {
        DataPath = dataPath;
        _configure = configure;
    }

    public string DataPath { get; }

    public MessageStore Store { get; private set; } = null!;

    public BrokerRuntime Runtime { get; private set; } = null!;

    public RequestDispatcher Dispatcher { get; private set; } = null!;

    public TestConnection Producer { get; private set; } = new();

    public static async Task<TransactionBroker> StartAsync(Action<BrokerOptions>? configure = null)
    {
        var broker = new TransactionBroker(Path.Combine(Path.GetTempPath(), "rmq-tx-" + Guid.NewGuid().ToString("N")), configure);
        await broker.OpenAsync();
        return broker;
    }

    /// <summary>Closes store and runtime and opens them again on the same directory; the producer connects anew.</summary>
    public async Task RestartAsync()
    {
        await CloseAsync();
        Producer = new TestConnection();
        await OpenAsync();
    }

    private async Task OpenAsync()
    {
        var storeOptions = new MessageStoreOptions();
        SmallStore.Apply(storeOptions, DataPath);
        Store = await MessageStore.OpenAsync(storeOptions, NullLoggerFactory.Instance);
        var options = new BrokerOptions();
        _configure?.Invoke(options);
        Runtime = new BrokerRuntime(Store, options, new BrokerIdentity("broker-tx", "DefaultCluster", 0, StoreHost), _topics, _groups);
        var builder = new RequestDispatcherBuilder();
        Runtime.RegisterProcessors(builder);
        Dispatcher = builder.Build();
        _topics.Put(new BrokerTopicConfig("TxTopic", 4, 4, Abstractions.Contracts.PermName.ReadWrite));
    }

    private async Task CloseAsync()
    {
        await Runtime.DisposeAsync();
        await Store.DisposeAsync();
    }

    public async Task<RemotingCommand> InvokeAsync(RemotingCommand request, TestConnection? connection = null)
    {
        connection ??= Producer;
        var response = connection.Expect(request.Opaque);
        Dispatcher.Dispatch(connection, request);
        return await response.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Registers <see cref="Producer"/> as a producer of <see cref="ProducerGroup"/>, as a heartbeat does.</summary>
    public async Task HeartbeatAsync()
    {
        var data = new HeartbeatData { ClientID = "127.0.0.1@tx", ProducerDataSet = [new ProducerData { GroupName = ProducerGroup }] };
        var response = await InvokeAsync(RemotingCommand.CreateRequest(RequestCode.HeartBeat, body: data.Encode()));
        Assert.Equal(ResponseCode.Success, response.Code);
    }

    /// <summary>A half message as the Java client sends it: TRAN_MSG, PGROUP, UNIQ_KEY properties and the prepared sys flag.</summary>
    public async Task<SendMessageResponseHeader> SendHalfAsync(string body, string uniqKey, int queueId = 1, long? bornTimestamp = null, string? immunitySeconds = null,
        params (string Name, string Value)[] extra)
    {
        var properties = new List<KeyValuePair<string, string>>
        {
            new(MessageConst.PropertyTags, "TagA"),
            new(MessageConst.PropertyUniqClientMessageIdKeyidx, uniqKey),
            new(MessageConst.PropertyWaitStoreMsgOk, "true"),
            new(MessageConst.PropertyTransactionPrepared, "true"),
            new(MessageConst.PropertyProducerGroup, ProducerGroup),
        };
        if (immunitySeconds is not null)
        {
            properties.Add(new(MessageConst.PropertyCheckImmunityTimeInSeconds, immunitySeconds));
        }

        properties.AddRange(extra.Select(pair => new KeyValuePair<string, string>(pair.Name, pair.Value)));
        var header = BrokerTestHost.SendHeader("TxTopic", queueId, MessageProperties.Encode(properties));
        header.ProducerGroup = ProducerGroup;
        header.SysFlag = MessageSysFlag.TransactionPreparedType;
        header.Flag = 7;
        header.BornTimestamp = bornTimestamp ?? 1_700_000_000_000;
        var response = await InvokeAsync(RemotingCommand.CreateRequest(RequestCode.SendMessageV2, SendMessageRequestHeaderV2.FromV1(header), Encoding.UTF8.GetBytes(body)));
        Assert.True(response.Code == ResponseCode.Success, $"half send failed: {response.Code} {response.Remark}");
        return response.ReadHeader<SendMessageResponseHeader>();
    }

    /// <summary>END_TRANSACTION for a half message, answered (two-way) unless <paramref name="oneway"/>.</summary>
    public async Task<RemotingCommand?> EndAsync(SendMessageResponseHeader half, string uniqKey, int type, bool fromCheck = false, bool oneway = false, string group = ProducerGroup)
    {
        Assert.True(MessageIds.TryParseOffsetMessageId(half.MsgId, out _, out var commitLogOffset));
        return await EndAsync(commitLogOffset, half.QueueOffset, uniqKey, type, fromCheck, oneway, group);
    }

    public async Task<RemotingCommand?> EndAsync(long commitLogOffset, long queueOffset, string uniqKey, int type, bool fromCheck = false, bool oneway = false, string group = ProducerGroup)
    {
        var request = RemotingCommand.CreateRequest(RequestCode.EndTransaction, new EndTransactionRequestHeader
        {
            ProducerGroup = group,
            TranStateTableOffset = queueOffset,
            CommitLogOffset = commitLogOffset,
            CommitOrRollback = type,
            FromTransactionCheck = fromCheck,
            MsgId = uniqKey,
            TransactionId = uniqKey,
        });
        if (!oneway)
        {
            return await InvokeAsync(request);
        }

        request.MarkOneway();
        Dispatcher.Dispatch(Producer, request);
        return null;
    }

    /// <summary>Every message stored in a queue, decoded.</summary>
    public async Task<List<MessageExt>> ReadQueueAsync(string topic, int queueId)
    {
        await Store.WaitForDispatchAsync();
        var messages = new List<MessageExt>();
        long offset = Math.Max(0, Store.GetMinOffsetInQueue(topic, queueId));
        while (offset < Store.GetMaxOffsetInQueue(topic, queueId))
        {
            using var result = await Store.GetMessageAsync("test", topic, queueId, offset, 32);
            foreach (var message in result.Messages)
            {
                messages.Add(StoredMessageDecoder.Decode(message.Span));
            }

            if (result.NextBeginOffset <= offset)
            {
                break;
            }

            offset = result.NextBeginOffset;
        }

        return messages;
    }

    public Task<List<MessageExt>> ReadRealAsync(int queueId = 1) => ReadQueueAsync("TxTopic", queueId);

    /// <summary>Runs check rounds until <paramref name="condition"/> holds (a round skips what was stored in its own millisecond).</summary>
    public Task CheckUntilAsync(Func<bool> condition, string because) =>
        Eventually.HoldsAsync(async () =>
        {
            await Runtime.Transactions.Check.RunAsync();
            return condition();
        }, TimeSpan.FromSeconds(20), because, TimeSpan.FromMilliseconds(20));

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
