using RocketMQ.Orleans.Filter;
using RocketMQ.Orleans.Store;

namespace RocketMQ.Orleans.Broker.Filter;

/// <summary>
/// A SQL92 subscription in the pull path (Apache ExpressionMessageFilter without bloom filters): every consume-queue
/// entry is a candidate; the stored message's properties decide.
/// </summary>
public sealed class Sql92MessageFilter(Sql92Filter filter) : IMessageFilter
{
    public Sql92Filter Filter => filter;

    public bool IsMatchedByConsumeQueue(long tagsCode) => true;

    public bool IsMatchedByCommitLog(ReadOnlySpan<byte> storedMessage) => filter.MatchesStoredMessage(storedMessage);
}
