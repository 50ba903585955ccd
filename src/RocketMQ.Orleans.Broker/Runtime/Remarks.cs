namespace RocketMQ.Orleans.Broker.Runtime;

/// <summary>Remark texts shared by several processors, verbatim from Apache (clients show or match them).</summary>
public static class Remarks
{
    public const string FaqUrl = "http://rocketmq.apache.org/docs/faq/";

    /// <summary>Apache FAQUrl.suggestTodo.</summary>
    public static string SuggestTodo(string url = FaqUrl) => "\nSee " + url + " for further details.";

    public static string BrokerSendForbidden(BrokerIdentity identity) =>
        "the broker[" + identity.BrokerIP + "] sending message is forbidden";

    public static string BrokerPullForbidden(BrokerIdentity identity) =>
        $"the broker[{identity.BrokerIP}] pulling message is forbidden";

    public static string TopicNotExistOnSend(string topic) =>
        "topic[" + topic + "] not exist, apply first please!" + SuggestTodo();

    /// <summary>Apache PullMessageProcessor's SUBSCRIPTION_GROUP_NOT_EXIST remark.</summary>
    public static string SubscriptionGroupDoesNotExist(string group) =>
        $"subscription group [{group}] does not exist, {SuggestTodo()}";

    public static string SubscriptionGroupNotExist(string group) =>
        "subscription group not exist, " + group + " " + SuggestTodo();

    /// <summary>Apache's SERVICE_NOT_AVAILABLE remark; <paramref name="diskUsage"/> is "CL: ... CQ: ... INDEX: ...".</summary>
    public static string ServiceNotAvailable(string diskUsage) =>
        "service not available now. It may be caused by one of the following reasons: " +
        "the broker's disk is full [" + diskUsage + "], messages are put to the slave, message store has been shut down, etc.";

    public static string MessageIllegal(int maxMessageSize) =>
        $"the message is illegal, maybe msg body or properties length not matched. msg body length limit {maxMessageSize}B, msg properties length limit 32KB.";

    /// <summary>RocketMQ 5's remark for WHEEL_TIMER_MSG_ILLEGAL (a timed message beyond timerMaxDelaySec).</summary>
    public static string TimerMessageIllegal(long maxDelayMs) =>
        $"timer message illegal, the delay time should not be bigger than the max delay {maxDelayMs}ms; or if set del msg, the delay time should be bigger than the current time";
}
