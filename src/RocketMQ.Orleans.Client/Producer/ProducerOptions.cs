using RocketMQ.Orleans.Client.Core;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Producer;

/// <summary>Producer settings (Apache <c>DefaultMQProducer</c> counterparts and defaults).</summary>
public sealed class ProducerOptions
{
    public string ProducerGroup { get; set; } = MixAll.DefaultProducerGroup;

    /// <summary>Timeout of one send including its retries (Apache sendMsgTimeout).</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Extra attempts after a failed send (Apache retryTimesWhenSendFailed).</summary>
    public int RetryTimesWhenSendFailed { get; set; } = 2;

    /// <summary>Retry on another broker when the store answered with a durability warning.</summary>
    public bool RetryAnotherBrokerWhenNotStoreOk { get; set; }

    /// <summary>Topic whose route stands in for an unknown topic; the broker creates the topic on the first send.</summary>
    public string CreateTopicKey { get; set; } = MixAll.DefaultTopic;

    /// <summary>Queues of a topic created on send (Apache defaultTopicQueueNums).</summary>
    public int DefaultTopicQueueNums { get; set; } = 4;

    /// <summary>Largest body accepted (Apache maxMessageSize, 4 MiB).</summary>
    public int MaxMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Resumes the code awaiting a send on the network thread that received the broker's answer, instead of on the
    /// thread pool. A sender that sends again from there does so without a thread hand-off in either direction,
    /// which on a busy 2-core machine is worth 11–22 % of send throughput (docs/benchmarks.md). That code then
    /// runs on the connection's event loop, so it must never block (no <c>.Result</c>, <c>.Wait()</c> or synchronous
    /// I/O): a block there stalls every connection the loop serves, and waiting on another send there deadlocks.
    /// Off by default; <c>rmq bench produce</c> turns it on.
    /// </summary>
    public bool ContinueOnNetworkThread { get; set; }

    /// <summary>Broker answers that make a send try again (Apache retryResponseCodes).</summary>
    public ISet<int> RetryResponseCodes { get; } = new HashSet<int>
    {
        ResponseCode.TopicNotExist,
        ResponseCode.ServiceNotAvailable,
        ResponseCode.SystemError,
        ResponseCode.NoPermission,
        ResponseCode.NoBuyerId,
        ResponseCode.NotInCurrentUnit,
    };
}
