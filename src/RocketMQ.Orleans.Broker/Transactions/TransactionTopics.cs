namespace RocketMQ.Orleans.Broker.Transactions;

/// <summary>The system topics, group and tag of RocketMQ's transactional messages (Apache TransactionalMessageUtil, TopicValidator).</summary>
public static class TransactionTopics
{
    /// <summary>Where half (prepared) messages wait for their end, all in queue 0.</summary>
    public const string HalfTopic = SystemTopics.TransHalfTopic;

    /// <summary>One op per ended half message: body = the half message's queue offset, tag <see cref="RemoveTag"/>.</summary>
    public const string OpTopic = SystemTopics.TransOpHalfTopic;

    /// <summary>Half messages checked <c>transactionCheckMax</c> times without an answer end up here.</summary>
    public const string CheckMaxTimeTopic = SystemTopics.TransCheckMaxTimeTopic;

    /// <summary>The consumer group under which the check's progress in the half and op queues is stored.</summary>
    public const string ConsumerGroup = SystemTopics.SysConsumerGroupPrefix + "TRANS";

    /// <summary>Tag of an op that removes a half message.</summary>
    public const string RemoveTag = "d";

    /// <summary>Apache uses one half queue per broker.</summary>
    public const int HalfQueueId = 0;

    /// <summary>Apache TCMT_QUEUE_NUMS.</summary>
    public const int CheckMaxTimeQueueNums = 1;
}
