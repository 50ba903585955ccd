using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Store.Tests.MessageStoreTests;

/// <summary>A message store in a temp directory that is deleted on dispose; reopenable in place.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly Func<string, double>? diskProbe;
    private readonly TimeProvider? timeProvider;

    private TestStore(MessageStoreOptions options, TimeProvider? timeProvider, Func<string, double>? diskProbe)
    {
        Options = options;
        this.timeProvider = timeProvider;
        this.diskProbe = diskProbe;
    }

    public MessageStoreOptions Options { get; }

    public MessageStore Store { get; private set; } = null!;

    public static MessageStoreOptions SmallOptions(FlushDiskType flush = FlushDiskType.AsyncFlush) => new()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "rmq-store-" + Guid.NewGuid().ToString("N")),
        FlushDiskType = flush,
        CommitLogPageSizeBits = 16,
        CommitLogMemorySizeBits = 18,
        CommitLogSegmentSizeBits = 20,
        MaxMessageSize = 32 * 1024,
        MapedFileSizeConsumeQueue = 1000 * 20,
        MaxHashSlotNum = 1000,
        MaxIndexNum = 4000,
        FlushIntervalCommitLog = 200,
    };

    public static async Task<TestStore> OpenAsync(MessageStoreOptions? options = null, TimeProvider? timeProvider = null, Func<string, double>? diskProbe = null)
    {
        var test = new TestStore(options ?? SmallOptions(), timeProvider, diskProbe);
        await test.ReopenAsync(closeFirst: false);
        return test;
    }

    public async Task ReopenAsync(bool closeFirst = true)
    {
        if (closeFirst) await Store.DisposeAsync();
        Store = await MessageStore.OpenAsync(Options, NullLoggerFactory.Instance, timeProvider, diskProbe, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try { Directory.Delete(Options.DataPath, recursive: true); }
        catch (IOException) { }
    }

    public static MessageToStore Message(string topic, int queueId, string body, string? tags = null, string? keys = null, string? uniqKey = null)
    {
        var properties = new Dictionary<string, string>();
        if (tags is not null) properties[MessageConst.PropertyTags] = tags;
        if (keys is not null) properties[MessageConst.PropertyKeys] = keys;
        if (uniqKey is not null) properties[MessageConst.PropertyUniqClientMessageIdKeyidx] = uniqKey;
        return new MessageToStore
        {
            Topic = topic,
            QueueId = queueId,
            Body = Encoding.UTF8.GetBytes(body),
            Properties = properties,
            BornTimestamp = 1_700_000_000_000,
        };
    }

    public static string BodyOf(ReadOnlyMemory<byte> stored)
    {
        Assert.True(StoredMessageView.TryParse(stored.Span, out var view));
        return Encoding.UTF8.GetString(view.Body);
    }

    public async Task<PutMessageResult> PutOkAsync(MessageToStore message)
    {
        var result = await Store.PutMessageAsync(message);
        Assert.Equal(PutMessageStatus.PutOk, result.Status);
        return result;
    }
}
