namespace RocketMQ.Orleans.Broker.NameServer;

/// <summary>Remark texts of Apache's name server; clients show (and some match) them verbatim.</summary>
public static class NameServerRemarks
{
    /// <summary>Apache FAQUrl.APPLY_TOPIC_URL.</summary>
    public const string FaqUrl = "http://rocketmq.apache.org/docs/faq/";

    /// <summary>Apache FAQUrl.suggestTodo: a newline, "See url for further details.".</summary>
    public static string SuggestTodo(string url) => "\nSee " + url + " for further details.";

    public static string NoTopicRouteInfo(string topic) =>
        "No topic route info in name server for the topic: " + topic + SuggestTodo(FaqUrl);

    public static string NoConfigItem(string ns, string key) => "No config item, Namespace: " + ns + " Key: " + key;

    public static string NoConfigItem(string ns) => "No config item, Namespace: " + ns;

    public const string BrokerRegistrationNotSupported =
        "brokers join this name server through Orleans cluster membership; REGISTER_BROKER / UNREGISTER_BROKER are not supported";
}
