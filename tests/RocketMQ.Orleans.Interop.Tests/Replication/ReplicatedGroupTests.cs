using System.Diagnostics;
using System.Text;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Admin;
using RocketMQ.Orleans.Client.Consumer;
using RocketMQ.Orleans.Interop.Tests.Infrastructure;
using RocketMQ.Orleans.Interop.Tests.ScaleOut;
using RocketMQ.Orleans.Protocol.Bodies;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Transport;
using Xunit.Abstractions;

namespace RocketMQ.Orleans.Interop.Tests.Replication;

/// <summary>
/// One broker group replicated over three silo processes (Sync mode, two replicas in sync required), with a producer
/// sending all along: the leader is killed (kill -9), frozen past its lease (SIGSTOP), or a follower loses its disk.
/// Every acknowledged message must be consumable afterwards, with its body, and every replica's commit log must end
/// identical, byte for byte.
/// </summary>
[Collection(ScaleOutCollection.Name)]
[Trait("Category", "Replication")]
public sealed class ReplicatedGroupTests(ITestOutputHelper output)
{
    private const int QueueNums = 4;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_the_leader_fails_over_to_a_follower_and_loses_no_acknowledged_message()
    {
        await using var group = await ReplicatedSiloGroup.StartAsync(3);
        await RunGuardedAsync(group, async clock =>
        {
            var (topic, leader) = await CreateTopicAsync(group, clock);
            await using var producer = new ContinuousProducer(group.NameServers, topic);
            await Eventually.TrueAsync(() => producer.Acks.Count >= 200, "200 sends acknowledged by the first leader", Generous);
            Lap(clock, $"{producer.Acks.Count} acknowledged by {leader.BrokerAddress}");

            // Consumer offsets live beside the log: the followers copy them from the leader.
            const string Group = "GID_replication_offsets";
            await using (var committer = new RocketMQPullConsumer(new RocketMQClientOptions { NameServerAddress = group.NameServers }, new PullConsumerOptions { ConsumerGroup = Group }))
            {
                var queue = (await committer.FetchSubscribeQueuesAsync(topic)).First(q => q.QueueId == 0);
                await committer.CommitOffsetAsync(queue, 7);
            }
            await Eventually.HoldsAsync(
                async () => (await Task.WhenAll(group.Silos.Select(s => BrokerAdmin.QueryConsumerOffsetAsync(s, Group, topic, 0)))).All(o => o == 7),
                Generous, "every replica to hold the committed consumer offset");

            await leader.KillAsync();
            long killedAt = Stopwatch.GetTimestamp();
            Lap(clock, "leader killed (kill -9)");
            await Eventually.TrueAsync(() => producer.AcksNotFrom(leader.BrokerAddress).Any(a => a.AckedAt > killedAt), "a send acknowledged by a new leader", Generous);
            var first = producer.AcksNotFrom(leader.BrokerAddress).Where(a => a.AckedAt > killedAt).MinBy(a => a.AckedAt)!;
            var failover = Stopwatch.GetElapsedTime(killedAt, first.AckedAt);
            output.WriteLine($"FAILOVER kill -9 → first acknowledged send on the new leader ({first.StoreHost}): {failover.TotalMilliseconds:0} ms");
            Lap(clock, $"failover took {failover.TotalMilliseconds:0} ms");
            int afterFailover = producer.Acks.Count;
            await Eventually.TrueAsync(() => producer.Acks.Count >= afterFailover + 200, "200 more sends acknowledged after the failover", Generous);

            await leader.RestartAsync();
            Lap(clock, "old leader restarted");
            await Eventually.TrueAsync(() => producer.Acks.Count >= afterFailover + 400, "sends go on while the old leader rejoins", Generous);
            await producer.StopAsync();
            Lap(clock, $"producer stopped: {producer.Acks.Count} acknowledged, {producer.Failures} not");

            await AssertReplicasIdenticalAsync(group, clock);
            await AssertEveryAckConsumableAsync(group, topic, producer, clock);

            // A client nobody here wrote, after the failover: ali-ons reads the group's routes (leader as id 0,
            // followers under their ids) and sends only to the new leader.
            var newLeader = await group.LeaderInRoutesAsync(topic) ?? throw new InvalidOperationException("no leader in the routes");
            await using var aliOns = ClusterScenarios.StartProducer(group.Silos.Select(s => s.NameServerAddress).ToArray(),
                new ProduceOptions { Topic = topic, Count = 50, Concurrency = 4, ProducerGroup = Scenarios.UniqueName("PID_replication_alions") });
            await aliOns.WaitForExitAsync(Generous);
            Assert.Empty(aliOns.SendErrors());
            var aliOnsAcks = aliOns.Events("sent").Select(SentMessage.From).ToArray();
            Assert.Equal(50, aliOnsAcks.Length);
            Assert.All(aliOnsAcks, a => Assert.Equal(newLeader.BrokerAddress, StoreHostOf(a.MsgId)));
            Lap(clock, "ali-ons sent 50 messages to the new leader");
        });
    }

    private static string StoreHostOf(string msgId)
    {
        Assert.True(RocketMQ.Orleans.Protocol.Messages.MessageIds.TryParseOffsetMessageId(msgId, out System.Net.IPEndPoint? storeHost, out _), $"'{msgId}' is not an offset message id");
        return storeHost.ToString();
    }

    [Fact]
    public async Task A_leader_frozen_past_its_lease_acknowledges_nothing_after_it_resumes()
    {
        await using var group = await ReplicatedSiloGroup.StartAsync(3);
        await RunGuardedAsync(group, async clock =>
        {
            var (topic, leader) = await CreateTopicAsync(group, clock);
            await using var producer = new ContinuousProducer(group.NameServers, topic);
            await Eventually.TrueAsync(() => producer.Acks.Count >= 100, "100 sends acknowledged by the first leader", Generous);

            Assert.True(UnixSignals.Stop(leader.ProcessId));
            long frozenAt = Stopwatch.GetTimestamp();
            Lap(clock, "leader frozen (SIGSTOP)");
            // Sends addressed to the frozen leader itself: they wait in its socket buffer until it resumes.
            await using var direct = new RemotingClient();
            var probes = Enumerable.Range(0, 8).Select(i => direct.InvokeAsync(leader.BrokerAddress, SendRequest(topic, i), TimeSpan.FromSeconds(60))).ToArray();

            await Eventually.TrueAsync(() => producer.AcksNotFrom(leader.BrokerAddress).Any(a => a.AckedAt > frozenAt), "a send acknowledged by a new leader", Generous);
            Lap(clock, "a new leader acknowledges sends");
            Assert.True(UnixSignals.Continue(leader.ProcessId));
            long resumedAt = Stopwatch.GetTimestamp();
            Lap(clock, "old leader resumed (SIGCONT)");

            foreach (var probe in probes)
            {
                RemotingCommand response;
                try
                {
                    response = await probe;
                }
                catch (Exception e) when (e is TimeoutException or IOException)
                {
                    continue; // the connection died with the deposed leader: nothing acknowledged either
                }

                Assert.True(response.Code != ResponseCode.Success, $"the deposed leader acknowledged a send: {response.Code} {response.Remark}");
            }
            // Answers the leader wrote before it froze may reach the producer later (they sat in the kernel's buffers);
            // anything it acknowledged after it resumed would have been written under a lease that had run out.
            Assert.DoesNotContain(producer.Acks.Values, a => a.StoreHost == leader.BrokerAddress && a.AckedAt > resumedAt);

            // Orleans may have declared the frozen silo dead, and a silo that learns so stops itself: a supervisor restarts it.
            if (!leader.IsRunning)
            {
                await leader.RestartAsync();
                Lap(clock, "old leader stopped itself after it resumed (declared dead); restarted");
            }

            int afterResume = producer.Acks.Count;
            await Eventually.TrueAsync(() => producer.Acks.Count >= afterResume + 200, "sends go on after the old leader resumed", Generous);
            await producer.StopAsync();
            await AssertReplicasIdenticalAsync(group, clock);
            await AssertEveryAckConsumableAsync(group, topic, producer, clock);
        });
    }

    [Fact]
    public async Task A_follower_whose_disk_was_wiped_resyncs_from_the_leader_while_sends_go_on()
    {
        await using var group = await ReplicatedSiloGroup.StartAsync(3);
        await RunGuardedAsync(group, async clock =>
        {
            var (topic, leader) = await CreateTopicAsync(group, clock);
            await using var producer = new ContinuousProducer(group.NameServers, topic);
            await Eventually.TrueAsync(() => producer.Acks.Count >= 300, "300 sends acknowledged", Generous);

            var follower = group.Silos.First(s => s != leader);
            await follower.KillAsync();
            follower.WipeData();
            await follower.RestartAsync();
            Lap(clock, "a follower lost its data folder and restarted empty");
            int atRestart = producer.Acks.Count;
            await Eventually.TrueAsync(() => producer.Acks.Count >= atRestart + 300, "sends go on while the follower resyncs", Generous);
            await producer.StopAsync();

            await AssertReplicasIdenticalAsync(group, clock);
            await AssertEveryAckConsumableAsync(group, topic, producer, clock);
        });
    }

    [Fact]
    public async Task A_wiped_follower_begins_at_the_leaders_begin_once_retention_deleted_the_head_of_the_log()
    {
        // Retention at 0 hours keeps only the last page of each log (32 KiB pages here), checked every 300 ms: while
        // the follower is away the leader deletes the head of its log, so the follower cannot copy from offset 0.
        var settings = new Dictionary<string, string>
        {
            ["RocketMQ:Store:FileReservedTime"] = "0",
            ["RocketMQ:Store:CleanResourceInterval"] = "300",
            ["RocketMQ:Store:CommitLogPageSizeBits"] = "15",
            ["RocketMQ:Store:CommitLogMemorySizeBits"] = "17",
            ["RocketMQ:Store:MaxMessageSize"] = "16384",
        };
        await using var group = await ReplicatedSiloGroup.StartAsync(2, "Async", minInSyncReplicas: 1, settings);
        await RunGuardedAsync(group, async clock =>
        {
            var (topic, leader) = await CreateTopicAsync(group, clock);
            var follower = group.Silos.Single(s => s != leader);
            await follower.KillAsync();
            follower.WipeData();
            await using var producer = new ContinuousProducer(group.NameServers, topic);
            await Eventually.HoldsAsync(async () => (await ReplicatedSiloGroup.TryGetCommitLogRangeAsync(leader)).Begin > 64 * 1024,
                Generous, "the leader's retention to delete the first two pages");
            Lap(clock, $"leader's log begins at {(await ReplicatedSiloGroup.TryGetCommitLogRangeAsync(leader)).Begin}");

            await follower.RestartAsync();
            int atRestart = producer.Acks.Count;
            await Eventually.TrueAsync(() => producer.Acks.Count >= atRestart + 300, "sends go on while the follower joins", Generous);
            await producer.StopAsync();

            (long Begin, long End) leaderRange = default, followerRange = default;
            await Eventually.HoldsAsync(
                async () =>
                {
                    leaderRange = await ReplicatedSiloGroup.TryGetCommitLogRangeAsync(leader);
                    followerRange = await ReplicatedSiloGroup.TryGetCommitLogRangeAsync(follower);
                    return followerRange.End == leaderRange.End && leaderRange.End > 0;
                },
                Generous,
                () => $"the follower to reach the leader's end; leader {leaderRange}, follower {followerRange}");
            Lap(clock, $"leader {leaderRange}, follower {followerRange}");
            Assert.True(followerRange.Begin > 64, "the follower's log should begin past the head the leader deleted");
            long from = Math.Max(leaderRange.Begin, followerRange.Begin);
            var reference = ReplicatedSiloGroup.CommitLogBytes(leader, leaderRange.End).AsSpan((int)from);
            var copy = ReplicatedSiloGroup.CommitLogBytes(follower, followerRange.End).AsSpan((int)from);
            Assert.True(reference.SequenceEqual(copy), $"the follower's log differs from the leader's in [{from}, {leaderRange.End})");
            Assert.Contains(follower.Output.Split('\n'), l => l.Contains("beginning an empty log there", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task A_former_leader_whose_tail_the_new_leader_never_had_cuts_it_back_and_follows()
    {
        // Async mode acknowledges before followers copy: freeze both followers (shorter than the allowed lag, so they
        // stay in sync and electable) while the leader writes on, then kill the leader. The follower elected never had
        // that tail; the old leader, restarted, must discard it (truncate before its log opens) and follow.
        await using var group = await ReplicatedSiloGroup.StartAsync(3, mode: "Async", minInSyncReplicas: 1);
        await RunGuardedAsync(group, async clock =>
        {
            var (topic, leader) = await CreateTopicAsync(group, clock);
            await using var producer = new ContinuousProducer(group.NameServers, topic);
            await Eventually.TrueAsync(() => producer.Acks.Count >= 200, "200 sends acknowledged by the first leader", Generous);

            var followers = group.Silos.Where(s => s != leader).ToArray();
            foreach (var follower in followers)
                Assert.True(UnixSignals.Stop(follower.ProcessId));
            int beforeFreeze = producer.Acks.Count;
            await Eventually.TrueAsync(() => producer.Acks.Count >= beforeFreeze + 50, "the leader acknowledges sends its followers do not copy", TimeSpan.FromSeconds(10));
            long leaderEnd = await ReplicatedSiloGroup.CommitLogEndAsync(leader);
            await leader.KillAsync();
            foreach (var follower in followers)
                Assert.True(UnixSignals.Continue(follower.ProcessId));
            Lap(clock, $"leader killed at log end {leaderEnd} while its followers were frozen");

            await Eventually.HoldsAsync(async () => await group.LeaderInRoutesAsync(topic) is { } next && next != leader, Generous, "a follower elected");
            await leader.RestartAsync();
            Lap(clock, "old leader restarted");
            int afterRestart = producer.Acks.Count;
            await Eventually.TrueAsync(() => producer.Acks.Count >= afterRestart + 200, "sends go on under the new leader", Generous);
            await producer.StopAsync();

            await AssertReplicasIdenticalAsync(group, clock);
            Assert.Contains(leader.Output.Split('\n'), l => l.Contains("Commit log truncated to", StringComparison.Ordinal));
        });
    }

    private async Task RunGuardedAsync(ReplicatedSiloGroup group, Func<Stopwatch, Task> body)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await body(clock);
            // The replicas' own account of the roles they took, for the record.
            foreach (var (silo, i) in group.Silos.Select((s, i) => (s, i)))
            {
                foreach (var line in silo.Output.Split('\n').Where(l => l.Contains("Broker group", StringComparison.Ordinal) || l.Contains("Restarting the silo", StringComparison.Ordinal) || l.Contains("truncated", StringComparison.Ordinal)))
                    output.WriteLine($"replica {i}: {line.Trim()}");
            }
        }
        catch
        {
            output.WriteLine(group.Diagnostics());
            throw;
        }
    }

    private async Task<(string Topic, SiloFixture Leader)> CreateTopicAsync(ReplicatedSiloGroup group, Stopwatch clock)
    {
        SiloFixture? leader = null;
        await Eventually.HoldsAsync(async () => (leader = await group.LeaderInRoutesAsync("TBW102")) is not null, Generous, "a leader of the group in the routes");
        Lap(clock, $"leader elected: {leader!.BrokerAddress}");
        string topic = Scenarios.UniqueName("Replicated");
        await using var admin = new RocketMQAdmin(new RocketMQClientOptions { NameServerAddress = group.NameServers });
        await admin.CreateTopicAsync(new TopicConfig { TopicName = topic, ReadQueueNums = QueueNums, WriteQueueNums = QueueNums, Perm = 6 });
        await Eventually.HoldsAsync(async () => await group.LeaderInRoutesAsync(topic) == leader, Generous, $"{topic} routed to the leader");
        return (topic, leader);
    }

    /// <summary>All running replicas reach the same commit-log end, and their logs are the same bytes up to it.</summary>
    private async Task AssertReplicasIdenticalAsync(ReplicatedSiloGroup group, Stopwatch clock)
    {
        long[] ends = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                ends = await Task.WhenAll(group.Silos.Select(ReplicatedSiloGroup.TryGetCommitLogEndAsync));
                return ends.Distinct().Count() == 1 && ends[0] >= 0;
            },
            Generous,
            () => "every replica's commit log to end at the same offset; last seen " + string.Join(", ", ends));
        Lap(clock, $"all replicas end at {ends[0]}");
        // The bytes below the end are on file (written through) on every replica.
        var reference = ReplicatedSiloGroup.CommitLogBytes(group.Silos[0], ends[0]);
        Assert.Equal(ends[0], reference.Length);
        foreach (var silo in group.Silos.Skip(1))
            Assert.True(reference.AsSpan().SequenceEqual(ReplicatedSiloGroup.CommitLogBytes(silo, ends[0])), $"{silo.BrokerAddress}'s commit log differs");
    }

    private async Task AssertEveryAckConsumableAsync(ReplicatedSiloGroup group, string topic, ContinuousProducer producer, Stopwatch clock)
    {
        var leader = await group.LeaderInRoutesAsync(topic) ?? throw new InvalidOperationException("no leader in the routes");
        await using var consumer = new RocketMQPullConsumer(
            new RocketMQClientOptions { NameServerAddress = leader.NameServerAddress },
            new PullConsumerOptions { ConsumerGroup = "GID_replication_check" });
        var bodies = new Dictionary<string, string>();
        foreach (var queue in await consumer.FetchSubscribeQueuesAsync(topic))
        {
            long offset = 0;
            while (true)
            {
                var result = await consumer.PullAsync(queue, offset, 32);
                if (result.Messages.Count == 0) break;
                foreach (var message in result.Messages)
                    bodies[message.Keys ?? string.Empty] = Encoding.UTF8.GetString(message.Body);
                offset = result.NextBeginOffset;
            }

            Lap(clock, $"queue {queue.QueueId} read to {offset}");
        }

        foreach (var ack in producer.Acks.Values)
        {
            Assert.True(bodies.TryGetValue($"seq-{ack.Seq}", out var body), $"acknowledged message {ack.Seq} ({ack.StoreHost} @ {ack.PhysicalOffset}) is missing");
            Assert.Equal(ContinuousProducer.BodyOf(ack.Seq), body);
        }

        Lap(clock, $"all {producer.Acks.Count} acknowledged messages consumed from {leader.BrokerAddress} ({bodies.Count} stored)");
    }

    private static RemotingCommand SendRequest(string topic, int i)
    {
        var header = new SendMessageRequestHeader
        {
            ProducerGroup = "PID_replication_probe",
            Topic = topic,
            DefaultTopic = "TBW102",
            DefaultTopicQueueNums = 4,
            QueueId = i % QueueNums,
            BornTimestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Properties = $"KEYS\u0001probe-{i}\u0002",
        };
        return RemotingCommand.CreateRequest(RequestCode.SendMessage, header, Encoding.UTF8.GetBytes($"probe-{i}"));
    }

    private void Lap(Stopwatch clock, string what) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {what}");
}
