using RocketMQ.Orleans.Abstractions.Contracts;

namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>The data path's settings, with Apache BrokerConfig's names and defaults (section "RocketMQ:Broker").</summary>
public sealed class BrokerOptions
{
    public const string SectionName = "RocketMQ:Broker";

    /// <summary>A send to an unknown topic creates it from the default topic TBW102.</summary>
    public bool AutoCreateTopicEnable { get; set; } = true;

    /// <summary>A heartbeat, pull or send-back of an unknown consumer group creates its configuration.</summary>
    public bool AutoCreateSubscriptionGroup { get; set; } = true;

    /// <summary>
    /// The most subscription groups auto-creation may create cluster-wide (each is persisted configuration, a retry topic
    /// and a grain, keyed by a name any client chooses). Past it an unknown group is answered as with auto-creation off
    /// (pulls SUBSCRIPTION_GROUP_NOT_EXIST) and its heartbeat is refused the same way. Groups created by
    /// UPDATE_AND_CREATE_SUBSCRIPTIONGROUP and system groups are not counted. Not an Apache setting (Apache has no cap).
    /// </summary>
    public int MaxAutoCreatedSubscriptionGroups { get; set; } = DefaultMaxAutoCreatedSubscriptionGroups;

    public const int DefaultMaxAutoCreatedSubscriptionGroups = 10_000;

    /// <summary>Queue count of TBW102 on this broker, the ceiling of auto-created topics.</summary>
    public int DefaultTopicQueueNums { get; set; } = 8;

    /// <summary>
    /// The most read or write queues one topic may have (each queue is a consume-queue file and rows in every table
    /// keyed by queue): UPDATE_AND_CREATE_TOPIC beyond it is refused; not an Apache setting (Apache has no cap).
    /// </summary>
    public int MaxQueueNumsPerTopic { get; set; } = 1024;

    /// <summary>Read (4) / write (2) permission of the whole broker.</summary>
    public int BrokerPermission { get; set; } = PermName.ReadWrite;

    public bool LongPollingEnable { get; set; } = true;

    /// <summary>How long a pull is held when long polling is off.</summary>
    public int ShortPollingTimeMills { get; set; } = 1000;

    /// <summary>
    /// Longest a pull is held, whatever suspend time the client asks for (Apache holds it as long as asked, so one client
    /// could pin pulls for days). Java consumers ask for 15–20 s and pull again when answered sooner.
    /// </summary>
    public int LongPollingMaxSuspendMillis { get; set; } = 30_000;

    /// <summary>How often held pulls are re-checked against the queue (a safety net for a missed arrival).</summary>
    public int PullHoldCheckIntervalMills { get; set; } = 5000;

    /// <summary>SQL92 property filtering (Apache enablePropertyFilter), off by default as in Apache: SQL92 pulls are then refused.</summary>
    public bool EnablePropertyFilter { get; set; }

    /// <summary>Characters a SQL92 expression may have; a longer one answers SUBSCRIPTION_PARSE_FAILED (Apache has no limit).</summary>
    public int FilterExpressionMaxLength { get; set; } = RocketMQ.Orleans.Filter.Sql92FilterLimits.DefaultMaxExpressionLength;

    /// <summary>Levels a SQL92 expression may nest (operators and parentheses); a deeper one answers SUBSCRIPTION_PARSE_FAILED.</summary>
    public int FilterExpressionMaxDepth { get; set; } = RocketMQ.Orleans.Filter.Sql92FilterLimits.DefaultMaxDepth;

    /// <summary>Apache messageDelayLevel (store config); level n is the n-th entry.</summary>
    public string MessageDelayLevel { get; set; } = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

    /// <summary>Answered in every send response as MSG_REGION.</summary>
    public string RegionId { get; set; } = "DefaultRegion";

    /// <summary>Answered in every send response as TRACE_ON.</summary>
    public bool TraceOn { get; set; } = true;

    /// <summary>NOTIFY_CONSUMER_IDS_CHANGED is sent to a group's consumers when its membership changes.</summary>
    public bool NotifyConsumerIdsChangedEnable { get; set; } = true;

    /// <summary>A client whose last heartbeat is older than this is dropped (Apache CHANNEL_EXPIRED_TIMEOUT).</summary>
    public int ChannelExpiredTimeoutMillis { get; set; } = 120_000;

    /// <summary>How often expired clients are looked for (Apache ClientHousekeepingService: 10 s).</summary>
    public int ClientHousekeepingIntervalMillis { get; set; } = 10_000;

    /// <summary>How often changed consumer-group membership is reported to the control plane; all groups every 6th time.</summary>
    public int ConnectionReportIntervalMillis { get; set; } = 5_000;

    /// <summary>Messages a QUERY_MESSAGE by unique key answers at most (Apache defaultQueryMaxNum).</summary>
    public int DefaultQueryMaxNum { get; set; } = 32;

    /// <summary>Share of memory the newest commit-log bytes may use before reads count as "from disk" (Apache accessMessageInMemoryMaxRatio).</summary>
    public int AccessMessageInMemoryMaxRatio { get; set; } = 40;

    /// <summary>
    /// Runs SEND_MESSAGE, SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE on the network event loop that decoded them instead
    /// of on the send executor (Apache's sendMessageExecutor). A send's synchronous part is a header parse and a copy
    /// into the commit log; waits (sync flush, topic creation through the control plane) go pending and continue off
    /// the loop. Skipping the two thread hand-offs is worth 43–56 % of end-to-end send throughput on 2 cores
    /// (docs/benchmarks.md). Turn it off to queue sends on the executor, bounded by <see cref="SendQueueCapacity"/>.
    /// </summary>
    public bool SendOnEventLoop { get; set; } = true;

    /// <summary>Workers of the send executor (Apache sendMessageThreadPoolNums).</summary>
    public int SendThreads { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Workers of the pull executor (Apache pullMessageThreadPoolNums); a held pull uses none.</summary>
    public int PullThreads { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Workers of the query, client-management and admin executors.</summary>
    public int ManagementThreads { get; set; } = 2;

    public int SendQueueCapacity { get; set; } = 10_000;

    public int PullQueueCapacity { get; set; } = 100_000;

    public int ManagementQueueCapacity { get; set; } = 10_000;

    /// <summary>Apache rocketmq.broker.rebalance.lockMaxLiveTime: an orderly consumer's queue lock lapses this long after its last renewal.</summary>
    public int RebalanceLockMaxLiveTimeMills { get; set; } = 60_000;

    /// <summary>Half messages (TRAN_MSG=true) are refused with NO_PERMISSION (Apache rejectTransactionMessage).</summary>
    public bool RejectTransactionMessage { get; set; }

    /// <summary>Most pops held for long polling on this broker; one more answers POLLING_FULL (Apache maxPopPollingSize).</summary>
    public long MaxPopPollingSize { get; set; } = 100_000;

    /// <summary>Most pops of one group and topic held for long polling, past which POLLING_FULL (Apache popPollingSize).</summary>
    public int PopPollingSize { get; set; } = 1024;

    /// <summary>RECALL_MESSAGE and gRPC RecallMessage are served (Apache recallMessageEnable; off by default as there).</summary>
    public bool RecallMessageEnable { get; set; }

    /// <summary>A recall is accepted while the broker is not writeable (Apache allowRecallWhenBrokerNotWriteable).</summary>
    public bool AllowRecallWhenBrokerNotWriteable { get; set; } = true;

    /// <summary>A half message younger than this (ms since born) is not checked yet (Apache transactionTimeOut).</summary>
    public long TransactionTimeOut { get; set; } = 6_000;

    /// <summary>Checks of one half message before it moves to TRANS_CHECK_MAX_TIME_TOPIC (Apache transactionCheckMax).</summary>
    public int TransactionCheckMax { get; set; } = 15;

    /// <summary>Period of the transaction check of this broker group, in ms (Apache transactionCheckInterval).</summary>
    public long TransactionCheckInterval { get; set; } = 60_000;
}
