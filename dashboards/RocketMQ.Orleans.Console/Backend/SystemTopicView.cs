using System.Globalization;
using System.Text;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Names;

namespace RocketMQ.Orleans.Console.Backend;

/// <summary>
/// The transactions and delayed-messages pages, read generically from RocketMQ's system topics on every master
/// (whatever implements them): half messages not yet resolved and their check counts, and the schedule backlog per
/// delay level. A broker without those topics or codes shows as such rather than failing the page.
/// </summary>
public sealed class SystemTopicView(ConsoleClients clients, BrokerAdminCalls calls, SiloServices silo)
{
    public const string HalfTopic = SystemTopics.TransHalfTopic;
    public const string OpTopic = SystemTopics.TransOpHalfTopic;
    public const string ScheduleTopic = SystemTopics.ScheduleTopic;

    /// <summary>The transaction check service's group (Apache MixAll.CID_SYS_RMQ_TRANS): its offsets are the check progress.</summary>
    public const string TransactionCheckGroup = SystemTopics.SysConsumerGroupPrefix + "TRANS";

    /// <summary>How many half and op messages one page view reads per broker at most.</summary>
    private const int ScanLimit = 1024;
    private const int ListLimit = 100;
    private const int PullBatch = 32;

    public async Task<IReadOnlyList<TransactionBrokerModel>> TransactionsAsync(CancellationToken cancellationToken)
    {
        var result = new List<TransactionBrokerModel>();
        foreach (var (brokerName, address) in await clients.Admin.GetMasterBrokersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                result.Add(await DescribeTransactionsAsync(brokerName, address, cancellationToken).ConfigureAwait(false));
            }
            catch (RocketMQClientException exception)
            {
                // A remote broker that will not let its system topics be pulled (not in its topic config) shows why.
                result.Add(new TransactionBrokerModel(brokerName, address, false, 0, 0, 0, 0, 0, false, [], exception.Message));
            }
        }

        return result;
    }

    private async Task<TransactionBrokerModel> DescribeTransactionsAsync(string brokerName, string address, CancellationToken cancellationToken)
    {
        var half = await QueueZeroAsync(address, HalfTopic, cancellationToken).ConfigureAwait(false);
        if (half is null)
        {
            return new TransactionBrokerModel(brokerName, address, false, 0, 0, 0, 0, 0, false, [], null);
        }

        var op = await QueueZeroAsync(address, OpTopic, cancellationToken).ConfigureAwait(false);
        var halfChecked = await CheckOffsetAsync(address, HalfTopic, half.Value.Min, cancellationToken).ConfigureAwait(false);
        var opChecked = op is null ? 0 : await CheckOffsetAsync(address, OpTopic, op.Value.Min, cancellationToken).ConfigureAwait(false);

        // An op message's body names the half-queue offset(s) it resolved (commit or rollback), comma separated.
        var resolved = new HashSet<long>();
        var opMessages = op is null ? [] : await ScanAsync(address, OpTopic, opChecked, op.Value.Max, cancellationToken).ConfigureAwait(false);
        foreach (var message in opMessages)
        {
            foreach (var part in Encoding.UTF8.GetString(message.Body).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset))
                {
                    resolved.Add(offset);
                }
            }
        }

        var halfMessages = await ScanAsync(address, HalfTopic, halfChecked, half.Value.Max, cancellationToken).ConfigureAwait(false);
        var open = halfMessages.Where(message => !resolved.Contains(message.QueueOffset)).ToList();
        var truncated = half.Value.Max - halfChecked > ScanLimit || (op is not null && op.Value.Max - opChecked > ScanLimit);
        return new TransactionBrokerModel(
            brokerName,
            address,
            true,
            half.Value.Max,
            op?.Max ?? 0,
            halfChecked,
            open.Count,
            open.Count == 0 ? 0 : open.Max(HalfMessageModel.CheckTimesOf),
            truncated,
            [.. open.Take(ListLimit).Select(HalfMessageModel.From)],
            null);
    }

    /// <summary>Timed messages (TIMER_DELIVER_MS and kin) the broker has not delivered yet; null when it does not report them.</summary>
    private async Task<long?> TimerPendingAsync(string address, CancellationToken cancellationToken)
    {
        var runtime = await calls.GetRuntimeInfoAsync(address, cancellationToken).ConfigureAwait(false);
        return runtime.TryGetValue("timerPendingNum", out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pending)
            ? pending
            : null;
    }

    public async Task<IReadOnlyList<DelayBrokerModel>> DelaysAsync(CancellationToken cancellationToken)
    {
        var labels = silo.MessageDelayLevel.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<DelayBrokerModel>();
        foreach (var (brokerName, address) in await clients.Admin.GetMasterBrokersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            var progress = await calls.GetDelayOffsetsAsync(address, cancellationToken).ConfigureAwait(false);
            var levels = new List<DelayLevelModel>();
            for (var level = 1; level <= labels.Length; level++)
            {
                // SCHEDULE_TOPIC_XXXX queue level - 1 holds that level's messages; the schedule service's offset is how far it has delivered.
                var (min, max) = await calls.GetQueueRangeAsync(address, ScheduleTopic, level - 1, cancellationToken).ConfigureAwait(false);
                if (max == 0)
                {
                    continue;
                }

                var delivered = Math.Max(progress?.GetValueOrDefault(level, min) ?? min, min);
                levels.Add(new DelayLevelModel(level, labels[level - 1], max, delivered, Math.Max(0, max - delivered)));
            }

            var timerPending = await TimerPendingAsync(address, cancellationToken).ConfigureAwait(false);
            result.Add(new DelayBrokerModel(brokerName, address, progress is not null, levels.Sum(level => level.Pending), levels, timerPending));
        }

        return result;
    }

    private async Task<(long Min, long Max)?> QueueZeroAsync(string address, string topic, CancellationToken cancellationToken)
    {
        var range = await calls.GetQueueRangeAsync(address, topic, 0, cancellationToken).ConfigureAwait(false);
        return range.Max == 0 ? null : range;
    }

    private async Task<long> CheckOffsetAsync(string address, string topic, long min, CancellationToken cancellationToken)
    {
        var offset = await calls.QueryConsumerOffsetAsync(address, TransactionCheckGroup, topic, 0, cancellationToken).ConfigureAwait(false);
        return Math.Max(offset ?? 0, min);
    }

    /// <summary>Queue 0 of a system topic from <paramref name="from"/> towards <paramref name="to"/>, at most <see cref="ScanLimit"/> messages.</summary>
    private async Task<List<MessageExt>> ScanAsync(string address, string topic, long from, long to, CancellationToken cancellationToken)
    {
        var messages = new List<MessageExt>();
        for (var offset = from; offset < to && messages.Count < ScanLimit;)
        {
            var batch = await calls.PullAsync(address, topic, 0, offset, PullBatch, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            messages.AddRange(batch);
            offset = batch[^1].QueueOffset + 1;
        }

        return messages;
    }
}

public sealed record TransactionBrokerModel(
    string BrokerName,
    string Address,
    bool HasHalfTopic,
    long HalfMessages,
    long OpMessages,
    long CheckOffset,
    int Open,
    int MaxCheckTimes,
    bool Truncated,
    IReadOnlyList<HalfMessageModel> Messages,
    string? Note);

/// <summary>An unresolved half message: the topic and producer group it belongs to and how often the broker checked it.</summary>
public sealed record HalfMessageModel(string MsgId, string? UniqueKey, string? Topic, string? ProducerGroup, long QueueOffset, long BornTimestamp, long StoreTimestamp, int CheckTimes)
{
    public static int CheckTimesOf(MessageExt message) =>
        int.TryParse(message.GetProperty(MessageConst.PropertyTransactionCheckTimes), NumberStyles.Integer, CultureInfo.InvariantCulture, out var times) ? times : 0;

    public static HalfMessageModel From(MessageExt message) => new(
        MessageIds.CreateOffsetMessageId(message.StoreHost, message.CommitLogOffset),
        message.UniqueKey,
        message.GetProperty(MessageConst.PropertyRealTopic),
        message.GetProperty(MessageConst.PropertyProducerGroup),
        message.QueueOffset,
        message.BornTimestamp,
        message.StoreTimestamp,
        CheckTimesOf(message));
}

public sealed record DelayBrokerModel(string BrokerName, string Address, bool ProgressServed, long Pending, IReadOnlyList<DelayLevelModel> Levels, long? TimerPending);

public sealed record DelayLevelModel(int Level, string Delay, long MaxOffset, long Delivered, long Pending);
