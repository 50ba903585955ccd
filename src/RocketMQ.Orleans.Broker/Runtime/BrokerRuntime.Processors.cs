using RocketMQ.Orleans.Broker.Filter;
using RocketMQ.Orleans.Broker.Processors.Clients;
using RocketMQ.Orleans.Broker.Processors.Offsets;
using RocketMQ.Orleans.Broker.Processors.Pull;
using RocketMQ.Orleans.Broker.Processors.Query;
using RocketMQ.Orleans.Broker.Processors.Send;
using RocketMQ.Orleans.Broker.Processors.SendBack;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Runtime;

public sealed partial class BrokerRuntime
{
    /// <summary>The executor admin processors run on (created by <see cref="RegisterProcessors"/>).</summary>
    public RequestExecutor? AdminExecutor { get; private set; }

    /// <summary>The PULL_MESSAGE path for in-process callers (gRPC PullMessage): one store read, filter and long poll.</summary>
    public PullMessageProcessor LocalPull => _localPull ??= new PullMessageProcessor(this);

    private PullMessageProcessor? _localPull;

    /// <summary>RocketMQ 5.3 recall of timed messages, for RECALL_MESSAGE and gRPC RecallMessage.</summary>
    public Processors.Recall.MessageRecall Recall => _recall ??= new Processors.Recall.MessageRecall(this);

    private Processors.Recall.MessageRecall? _recall;

    /// <summary>
    /// Registers every broker-port processor, each request family on its own executor as Apache's thread pools
    /// (a burst of sends never starves pulls or heartbeats).
    /// </summary>
    public void RegisterProcessors(RequestDispatcherBuilder broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var send = CreateExecutor("send", Options.SendThreads, Options.SendQueueCapacity);
        var pull = CreateExecutor("pull", Options.PullThreads, Options.PullQueueCapacity);
        var query = CreateExecutor("query", Options.ManagementThreads, Options.ManagementQueueCapacity);
        var clients = CreateExecutor("client-manage", Options.ManagementThreads, Options.ManagementQueueCapacity);
        var consumers = CreateExecutor("consumer-manage", Options.ManagementThreads, Options.ManagementQueueCapacity);
        AdminExecutor = CreateExecutor("admin", Options.ManagementThreads, Options.ManagementQueueCapacity);

        int[] sendCodes = [RequestCode.SendMessage, RequestCode.SendMessageV2, RequestCode.SendBatchMessage];
        if (Options.SendOnEventLoop)
        {
            broker.RegisterOnEventLoop(sendCodes, new SendMessageProcessor(this));
        }
        else
        {
            broker.Register(sendCodes, new SendMessageProcessor(this), send);
        }

        broker.Register(RequestCode.ConsumerSendMsgBack, new ConsumerSendMsgBackProcessor(this), send);
        broker.Register(RequestCode.EndTransaction, new Processors.Transactions.EndTransactionProcessor(this), send);
        broker.Register(RequestCode.RecallMessage, new Processors.Recall.RecallMessageProcessor(this), send);
        broker.Register(RequestCode.PullMessage, new PullMessageProcessor(this), pull);
        RegisterPopProcessors(broker, pull, consumers);
        broker.Register([RequestCode.QueryMessage, RequestCode.ViewMessageById], new QueryMessageProcessor(this), query);
        broker.Register([RequestCode.HeartBeat, RequestCode.UnregisterClient], new ClientManageProcessor(this), clients);
        broker.Register(RequestCode.CheckClientConfig, new CheckClientConfigProcessor(this), clients);
        broker.Register([RequestCode.GetConsumerListByGroup, RequestCode.QueryConsumerOffset, RequestCode.UpdateConsumerOffset],
            new ConsumerManageProcessor(this), consumers);
        broker.Register([RequestCode.GetMaxOffset, RequestCode.GetMinOffset, RequestCode.SearchOffsetByTimestamp, RequestCode.GetEarliestMsgStoretime],
            new QueueOffsetProcessor(this), AdminExecutor);
        broker.Register(RequestCode.GetAllDelayOffset, new Processors.Schedule.DelayOffsetProcessor(Store), AdminExecutor);
        RegisterOrderlyAndOffsetProcessors(broker, AdminExecutor);
        RegisterAdminProcessors(broker);
    }

    /// <summary>RocketMQ 5 POP over remoting: pops and peeks with the pulls, acks and changes with consumer management.</summary>
    private void RegisterPopProcessors(RequestDispatcherBuilder broker, RequestExecutor pull, RequestExecutor consumers)
    {
        broker.Register(RequestCode.PopMessage, new Processors.Pop.PopMessageProcessor(this), pull);
        broker.Register(RequestCode.PeekMessage, new Processors.Pop.PeekMessageProcessor(this), pull);
        broker.Register(RequestCode.Notification, new Processors.Pop.NotificationProcessor(this), pull);
        broker.Register(RequestCode.PollingInfo, new Processors.Pop.PollingInfoProcessor(this), consumers);
        broker.Register([RequestCode.AckMessage, RequestCode.BatchAckMessage], new Processors.Pop.AckMessageProcessor(this), consumers);
        broker.Register(RequestCode.ChangeMessageInvisibleTime, new Processors.Pop.ChangeInvisibleTimeProcessor(this), consumers);
    }

    /// <summary>An executor owned (and disposed) by the runtime.</summary>
    public RequestExecutor CreateExecutor(string name, int concurrency, int queueCapacity)
    {
        var executor = new RequestExecutor(new RequestExecutorOptions { Name = name, Concurrency = concurrency, QueueCapacity = queueCapacity });
        lock (_executors)
        {
            _executors.Add(executor);
        }

        return executor;
    }
}
