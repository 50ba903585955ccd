using System.Text;
using Xunit.Abstractions;
using FASTER.core;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Store.CommitLog;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Store.Tests.Crash;

/// <summary>
/// Acceptance: a writer process is killed with SIGKILL mid-load; after reopening, every put it had
/// acknowledged is readable through its consume queue and through the key index, and nothing torn shows.
/// </summary>
public sealed class KillNineTests(ITestOutputHelper output)
{
    private const string Topic = "CrashTopic";
    private const int Queues = 4;
    private const int AcksBeforeKill = 3000;

    [Theory]
    [InlineData(FlushDiskType.AsyncFlush)]
    [InlineData(FlushDiskType.SyncFlush)]
    public Task Every_acknowledged_put_survives_kill_9(FlushDiskType flush) => KillAndVerifyAsync(flush, commitIntervalMs: null);

    /// <summary>
    /// FASTER commits stretched to a minute: every acknowledged record after the (absent or early) last
    /// commit is only in the segment files, and recovery must find it by scanning past the commit.
    /// </summary>
    [Theory]
    [InlineData(FlushDiskType.AsyncFlush)]
    [InlineData(FlushDiskType.SyncFlush)]
    public Task Acknowledged_puts_past_the_last_FASTER_commit_survive_kill_9(FlushDiskType flush) =>
        KillAndVerifyAsync(flush, commitIntervalMs: 60_000);

    private async Task KillAndVerifyAsync(FlushDiskType flush, int? commitIntervalMs)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "rmq-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            IReadOnlyList<string> acked;
            using (var writer = CrashWriterProcess.Start(dataDir, flush, commitIntervalMs))
            {
                await writer.Ready.WaitAsync(TimeSpan.FromSeconds(30));
                await WaitUntilAsync(() => writer.AcknowledgedCount >= AcksBeforeKill, TimeSpan.FromSeconds(60), () => writer.StandardError);
                (acked, var failed) = await writer.KillAsync();
                Assert.Empty(failed);
            }
            Assert.True(acked.Count >= AcksBeforeKill);

            var options = new MessageStoreOptions
            {
                DataPath = dataDir,
                FlushDiskType = flush,
                CommitLogPageSizeBits = 20,
                CommitLogMemorySizeBits = 22,
                CommitLogSegmentSizeBits = 24,
                MaxMessageSize = 64 * 1024,
            };
            var (committedBeforeRecovery, durableHint) = LastCommittedUntilAddress(dataDir);
            var reopen = System.Diagnostics.Stopwatch.StartNew();
            await using var store = await MessageStore.OpenAsync(options, NullLoggerFactory.Instance);
            output.WriteLine($"{flush}: {acked.Count} acknowledged before SIGKILL; reopened in {reopen.ElapsedMilliseconds} ms; " +
                $"last FASTER commit until {committedBeforeRecovery}, fsynced until {durableHint}, recovered until {store.MaxPhysicalOffset}");
            if (commitIntervalMs is not null)
            {
                // At least a thousand 1 KiB messages lay past the last commit: recovery scanned them in.
                Assert.True(store.MaxPhysicalOffset - committedBeforeRecovery > 1000 * 1024,
                    $"commits were not behind: committed {committedBeforeRecovery}, recovered {store.MaxPhysicalOffset}");
            }

            var stored = await ReadAllThroughConsumeQueuesAsync(store);
            output.WriteLine($"{flush}: {stored.Count} messages readable after recovery");
            var missing = acked.Where(k => !stored.Contains(k)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {acked.Count} acknowledged messages lost, e.g. {string.Join(", ", missing.Take(5))}");

            foreach (var key in acked)
            {
                var result = await store.QueryMessageAsync(Topic, key, 4, 0, long.MaxValue);
                Assert.True(result.Messages.Count == 1, $"key {key} not found through the index");
            }
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static (long CommittedUntil, long DurableHint) LastCommittedUntilAddress(string dataDir)
    {
        using var commits = new BufferedLogCommitManager(Path.Combine(dataDir, "commitlog", "commitlog.commit"));
        foreach (long commitNum in commits.ListCommits())
        {
            var info = new FasterLogRecoveryInfo();
            using var reader = new BinaryReader(new MemoryStream(commits.GetCommitMetadata(commitNum)));
            info.Initialize(reader);
            return (info.UntilAddress, commits.ReadDurableHint());
        }
        return (0, commits.ReadDurableHint());
    }

    /// <summary>Reads every queue from its first offset; checks each entry is whole and consistent, returns the keys.</summary>
    private static async Task<HashSet<string>> ReadAllThroughConsumeQueuesAsync(MessageStore store)
    {
        var keys = new HashSet<string>();
        for (int queueId = 0; queueId < Queues; queueId++)
        {
            long offset = store.GetMinOffsetInQueue(Topic, queueId);
            long max = store.GetMaxOffsetInQueue(Topic, queueId);
            Assert.Equal(0, offset);
            while (offset < max)
            {
                using var got = await store.GetMessageAsync("check", Topic, queueId, offset, 32);
                Assert.Equal(GetMessageStatus.Found, got.Status);
                foreach (var message in got.Messages)
                {
                    Assert.True(StoredMessageView.TryParse(message.Span, out var view), "torn or unparsable message");
                    Assert.Equal(offset, view.QueueOffset);
                    Assert.Equal(queueId, view.QueueId);
                    Assert.Equal(StoredMessageEncoder.ComputeBodyCrc(view.Body), view.BodyCrc);
                    Assert.Equal(store.GetCommitLogOffsetInQueue(Topic, queueId, offset), view.PhysicalOffset);
                    Assert.True(MessageProperties.TryGetValue(view.PropertiesUtf8, "KEYS"u8, out var key));
                    Assert.True(keys.Add(Encoding.UTF8.GetString(key)), "a message appears twice");
                    offset++;
                }
                Assert.Equal(offset, got.NextBeginOffset);
            }
        }
        return keys;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("Timed out waiting for the writer: " + diagnostics());
            await Task.Delay(10);
        }
    }
}
