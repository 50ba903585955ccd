namespace RocketMQ.Orleans.Store;

/// <summary>Matches messages whose tags hash code is one of a set (Apache's tag subscription, "*" being no filter).</summary>
public sealed class TagsCodeFilter : IMessageFilter
{
    private readonly HashSet<long> codes;

    public TagsCodeFilter(IEnumerable<long> tagsCodes) => codes = [.. tagsCodes];

    public bool IsMatchedByConsumeQueue(long tagsCode) => codes.Contains(tagsCode);

    public bool IsMatchedByCommitLog(ReadOnlySpan<byte> storedMessage) => true;
}
