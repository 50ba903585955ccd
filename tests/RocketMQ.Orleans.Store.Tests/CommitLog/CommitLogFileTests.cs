using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.CommitLog;

namespace RocketMQ.Orleans.Store.Tests.CommitLog;

public sealed class CommitLogFileTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "rmq-cl-" + Guid.NewGuid().ToString("N"));
    private readonly MessageStoreOptions options = new()
    {
        CommitLogPageSizeBits = 12,  // 4 KiB pages: a few messages already cross pages
        CommitLogMemorySizeBits = 14,
        CommitLogSegmentSizeBits = 16,
        MaxMessageSize = 2048,
    };

    [Fact]
    public async Task Appends_stamp_the_log_address_dense_queue_offsets_and_survive_reopen()
    {
        var placed = new List<(long Address, long QueueOffset, string Body)>();
        await using (var log = CommitLogFile.Open(directory, options, TimeProvider.System, NullLogger.Instance))
        {
            for (int i = 0; i < 40; i++)
            {
                var batch = new[] { Encode($"message-{i}-{new string('p', 300)}", queueId: i % 2) };
                await log.AppendAsync(batch, 1, CancellationToken.None);
                placed.Add((batch[0].PhysicalOffset, batch[0].QueueOffset, $"message-{i}"));
            }
            Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)(i / 2)), placed.Select(p => p.QueueOffset));
            Assert.True(placed[^1].Address > 3 * 4096, "the test should span several pages");
        }

        await using var reopened = CommitLogFile.Open(directory, options, TimeProvider.System, NullLogger.Instance);
        Assert.Equal(placed[^1].Address, await LastRecordAddressAsync(reopened));
        foreach (var (address, queueOffset, body) in placed)
        {
            var (owner, length) = await reopened.ReadAsync(address);
            Assert.NotNull(owner);
            using (owner)
            {
                Assert.True(StoredMessageView.TryParse(owner.Memory.Span[..length], out var view));
                Assert.Equal(address, view.PhysicalOffset);
                Assert.Equal(queueOffset, view.QueueOffset);
                Assert.StartsWith(body + "-", Encoding.UTF8.GetString(view.Body));
            }
        }
    }

    private static async Task<long> LastRecordAddressAsync(CommitLogFile log)
    {
        using var iterator = log.Scan(log.BeginAddress);
        long last = -1;
        while (iterator.GetNext(out _, out _, out long address))
            last = address;
        await Task.CompletedTask;
        return last;
    }

    private static PendingAppend Encode(string body, int queueId)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var topic = "T"u8.ToArray();
        var header = new StoredMessageHeader { QueueId = queueId };
        int length = StoredMessageEncoder.GetLength(header, bodyBytes.Length, topic.Length, 0);
        var buffer = new byte[LogRecordFormat.Footprint(length)];
        StoredMessageEncoder.Write(buffer.AsSpan(LogRecordFormat.HeaderSize), header, bodyBytes, topic, default);
        return new PendingAppend { Buffer = buffer, Length = length, Topic = "T", QueueId = queueId };
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
