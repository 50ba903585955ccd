namespace RocketMQ.Orleans.Store;

/// <summary>Filters a pull: first by the tags hash code kept in the consume queue, then optionally by the stored bytes.</summary>
public interface IMessageFilter
{
    bool IsMatchedByConsumeQueue(long tagsCode);

    bool IsMatchedByCommitLog(ReadOnlySpan<byte> storedMessage);
}
