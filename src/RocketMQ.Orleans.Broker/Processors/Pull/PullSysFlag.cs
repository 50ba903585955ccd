namespace RocketMQ.Orleans.Broker.Processors.Pull;

/// <summary>Apache PullSysFlag bits of PULL_MESSAGE's sysFlag.</summary>
public static class PullSysFlag
{
    public const int CommitOffset = 1;
    public const int Suspend = 1 << 1;
    public const int Subscription = 1 << 2;
    public const int ClassFilter = 1 << 3;

    public static bool HasCommitOffset(int sysFlag) => (sysFlag & CommitOffset) != 0;

    public static bool HasSuspend(int sysFlag) => (sysFlag & Suspend) != 0;

    public static bool HasSubscription(int sysFlag) => (sysFlag & Subscription) != 0;
}
