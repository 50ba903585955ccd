using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Broker.Tests.Send;

/// <summary>
/// <c>SendOnEventLoop</c>: the send codes run where the connection decoded them, or on the send executor when it is
/// off; either way a send is stored and answered the same. Transaction ends and send-backs stay on the executor.
/// </summary>
public sealed class SendPlacementTests
{
    private static readonly int[] SendCodes = [RequestCode.SendMessage, RequestCode.SendMessageV2, RequestCode.SendBatchMessage];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Sends_are_placed_by_the_option_and_answered_either_way(bool onEventLoop)
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.SendOnEventLoop = onEventLoop);
        host.CreateTopic("Placed", queueNums: 1);

        Assert.All(SendCodes, code => Assert.Equal(onEventLoop, host.Dispatcher.Find(code)!.Executor is null));
        Assert.NotNull(host.Dispatcher.Find(RequestCode.EndTransaction)!.Executor);
        Assert.NotNull(host.Dispatcher.Find(RequestCode.ConsumerSendMsgBack)!.Executor);

        var first = await host.SendAsync(BrokerTestHost.SendHeader("Placed"), "one");
        var second = await host.SendAsync(BrokerTestHost.SendHeader("Placed"), "two");

        Assert.Equal((ResponseCode.Success, ResponseCode.Success), (first.Code, second.Code));
        Assert.Equal((0L, 1L), (first.ReadHeader<SendMessageResponseHeader>().QueueOffset, second.ReadHeader<SendMessageResponseHeader>().QueueOffset));
    }
}
