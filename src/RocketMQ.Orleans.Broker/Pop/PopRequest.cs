using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Pop;

/// <summary>
/// One pop: up to <see cref="MaxMessages"/> messages of <see cref="Topic"/> for <see cref="Group"/>, invisible for
/// <see cref="InvisibleTime"/>, waiting up to <see cref="PollTime"/> for one to arrive when none is ready.
/// </summary>
public sealed record PopRequest(string Group, string Topic, int MaxMessages, TimeSpan InvisibleTime, TimeSpan PollTime)
{
    /// <summary>What to deliver; null delivers every message (see <see cref="PopFilter"/>).</summary>
    public IMessageFilter? Filter { get; init; }

    /// <summary>One queue of the topic, or -1 for every queue (the group's retry topic is read either way).</summary>
    public int QueueId { get; init; } = -1;

    /// <summary>
    /// A FIFO pop (Apache's orderly pop): a queue hands out nothing more while a message of it is in flight, and an
    /// expired message is delivered again in place, before anything later of its queue.
    /// </summary>
    public bool Fifo { get; init; }
}
