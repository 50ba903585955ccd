namespace RocketMQ.Orleans.Client.Consumer.Push;

public sealed partial class RocketMQPushConsumer
{
    /// <summary>
    /// Subscribes a topic with a SQL92 expression over message properties (e.g. <c>a BETWEEN 3 AND 7 AND TAGS = 'TagA'</c>);
    /// the broker must run with enablePropertyFilter. Call before <see cref="StartAsync"/>.
    /// </summary>
    public void SubscribeSql92(string topic, string expression)
    {
        if (Volatile.Read(ref _state) != 0)
        {
            throw new InvalidOperationException("Subscribe before starting the consumer.");
        }

        _subscriptions[topic] = SubscriptionSql92.Create(topic, expression);
    }
}
