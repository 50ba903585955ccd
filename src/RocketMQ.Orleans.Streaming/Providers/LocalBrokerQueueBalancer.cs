using Orleans.Streams;

namespace RocketMQ.Orleans.Streaming.Providers;

/// <summary>
/// Gives each silo the queues of its own broker group: a queue's log lives on that silo's disk, so its agent
/// reads it through the local store with no network hop, and no other silo could read it while that silo is down.
/// The assignment never changes while the silo runs, so there are no rebalance events to announce.
/// </summary>
internal sealed class LocalBrokerQueueBalancer(LocalBroker localBroker) : IStreamQueueBalancer
{
    private QueueId[] _mine = [];

    public Task Initialize(IStreamQueueMapper queueMapper)
    {
        var mapper = (RocketMQStreamQueueMapper)queueMapper;
        var broker = localBroker.BrokerName;
        _mine = [.. mapper.GetAllQueues().Where(id => mapper.GetStreamQueue(id).BrokerName == broker)];
        return Task.CompletedTask;
    }

    public Task Shutdown() => Task.CompletedTask;

    public IEnumerable<QueueId> GetMyQueues() => _mine;

    public bool SubscribeToQueueDistributionChangeEvents(IStreamQueueBalanceListener observer) => true;

    public bool UnSubscribeFromQueueDistributionChangeEvents(IStreamQueueBalanceListener observer) => true;
}
