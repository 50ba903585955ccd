namespace RocketMQ.Orleans.Protocol.Remoting;

/// <summary>Response codes of Apache RocketMQ 4.9 <c>RemotingSysResponseCode</c> and <c>ResponseCode</c>, named in PascalCase.</summary>
public static class ResponseCode
{
    public const int Success = 0;
    public const int SystemError = 1;
    public const int SystemBusy = 2;
    public const int RequestCodeNotSupported = 3;
    public const int TransactionFailed = 4;
    public const int FlushDiskTimeout = 10;
    public const int SlaveNotAvailable = 11;
    public const int FlushSlaveTimeout = 12;
    public const int MessageIllegal = 13;
    public const int ServiceNotAvailable = 14;
    public const int VersionNotSupported = 15;
    public const int NoPermission = 16;
    public const int TopicNotExist = 17;
    public const int TopicExistAlready = 18;
    public const int PullNotFound = 19;
    public const int PullRetryImmediately = 20;
    public const int PullOffsetMoved = 21;
    public const int QueryNotFound = 22;
    public const int SubscriptionParseFailed = 23;
    public const int SubscriptionNotExist = 24;
    public const int SubscriptionNotLatest = 25;
    public const int SubscriptionGroupNotExist = 26;
    public const int FilterDataNotExist = 27;
    public const int FilterDataNotLatest = 28;

    /// <summary>RocketMQ 5: a POP request with a bad parameter (e.g. more than 32 messages asked).</summary>
    public const int InvalidParameter = 29;
    public const int TransactionShouldCommit = 200;
    public const int TransactionShouldRollback = 201;
    public const int TransactionStateUnknow = 202;
    public const int TransactionStateGroupWrong = 203;
    public const int NoBuyerId = 204;
    public const int NotInCurrentUnit = 205;
    public const int ConsumerNotOnline = 206;
    public const int ConsumeMsgTimeout = 207;
    public const int NoMessage = 208;
    public const int UpdateAndCreateAclConfigFailed = 209;
    public const int DeleteAclConfigFailed = 210;
    public const int UpdateGlobalWhiteAddrsConfigFailed = 211;

    /// <summary>RocketMQ 5 reuses 209 for POP: too many pops are held for long polling.</summary>
    public const int PollingFull = 209;

    /// <summary>RocketMQ 5: a POP found nothing within its poll time.</summary>
    public const int PollingTimeout = 210;
    public const int FlowControl = 215;

    /// <summary>RocketMQ 5.3: what a recall answers for a malformed or foreign handle, or one past its time.</summary>
    public const int IllegalOperation = 604;
}
