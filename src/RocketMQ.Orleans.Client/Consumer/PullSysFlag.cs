namespace RocketMQ.Orleans.Client.Consumer;

/// <summary>Bits of the pull request's sysFlag (Apache <c>PullSysFlag</c>).</summary>
public static class PullSysFlag
{
    public const int CommitOffset = 0x1;
    public const int Suspend = 0x2;
    public const int Subscription = 0x4;
    public const int ClassFilter = 0x8;

    public static int Build(bool commitOffset, bool suspend, bool subscription) =>
        (commitOffset ? CommitOffset : 0) | (suspend ? Suspend : 0) | (subscription ? Subscription : 0);
}
