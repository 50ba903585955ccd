using System.Net;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Client.Tests.Support;

/// <summary>Messages the fake broker accepted, per topic and queue, encoded in the stored layout.</summary>
internal sealed class FakeStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Topic, int QueueId), List<byte[]>> _queues = [];
    private readonly Dictionary<long, byte[]> _byCommitLogOffset = [];
    private long _nextCommitLogOffset = 1000;
    private TaskCompletionSource _arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next message is stored (long polling in the fake broker).</summary>
    public Task NextArrival
    {
        get
        {
            lock (_gate)
            {
                return _arrival.Task;
            }
        }
    }

    public IPEndPoint StoreHost { get; set; } = new(IPAddress.Loopback, 10911);

    public MessageExt Put(string topic, int queueId, byte[] body, Dictionary<string, string> properties, long bornTimestamp, int reconsumeTimes = 0, int sysFlag = 0)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue((topic, queueId), out var queue))
            {
                _queues[(topic, queueId)] = queue = [];
            }

            var message = new MessageExt
            {
                Topic = topic,
                QueueId = queueId,
                Body = body,
                Properties = properties,
                BornTimestamp = bornTimestamp,
                BornHost = new IPEndPoint(IPAddress.Loopback, 40000),
                StoreTimestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                StoreHost = StoreHost,
                QueueOffset = queue.Count,
                CommitLogOffset = _nextCommitLogOffset,
                ReconsumeTimes = reconsumeTimes,
                SysFlag = sysFlag,
            };
            var encoded = StoredMessageEncoder.Encode(message);
            _nextCommitLogOffset += encoded.Length;
            queue.Add(encoded);
            _byCommitLogOffset[message.CommitLogOffset] = encoded;
            message.MsgId = MessageIds.CreateOffsetMessageId(StoreHost, message.CommitLogOffset);
            _arrival.TrySetResult();
            _arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return message;
        }
    }

    public long MaxOffset(string topic, int queueId)
    {
        lock (_gate)
        {
            return _queues.TryGetValue((topic, queueId), out var queue) ? queue.Count : 0;
        }
    }

    /// <summary>Concatenated stored messages from <paramref name="offset"/>, at most <paramref name="max"/>.</summary>
    public (byte[] Body, int Count) Read(string topic, int queueId, long offset, int max)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue((topic, queueId), out var queue) || offset >= queue.Count)
            {
                return ([], 0);
            }

            var slice = queue.Skip((int)offset).Take(max).ToList();
            return (slice.SelectMany(bytes => bytes).ToArray(), slice.Count);
        }
    }

    public byte[]? ReadByCommitLogOffset(long offset)
    {
        lock (_gate)
        {
            return _byCommitLogOffset.GetValueOrDefault(offset);
        }
    }

    public List<MessageExt> All()
    {
        lock (_gate)
        {
            return [.. _queues.Values.SelectMany(queue => queue).Select(bytes => StoredMessageDecoder.Decode(bytes))];
        }
    }
}
