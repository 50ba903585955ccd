using System.Globalization;
using RocketMQ.Orleans.Broker.Tests.Support;
using RocketMQ.Orleans.Protocol.Headers;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Store.Schedule;

namespace RocketMQ.Orleans.Broker.Tests.Recall;

/// <summary>
/// RECALL_MESSAGE (370) and the send response's <c>recallHandle</c> as Apache 5.3's SendMessageProcessor.attachRecallHandle
/// and RecallMessageProcessor answer them.
/// </summary>
public sealed class RecallMessageTests
{
    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static Task<RemotingCommand> RecallAsync(BrokerTestHost host, string topic, string handle) =>
        host.InvokeAsync(RemotingCommand.CreateRequest(RequestCode.RecallMessage,
            new RecallMessageRequestHeader { ProducerGroup = "PG", Topic = topic, RecallHandle = handle }));

    private static async Task<SendMessageResponseHeader> SendTimedAsync(BrokerTestHost host, string topic, string uniqKey, long deliverMs)
    {
        var response = await host.SendAsync(BrokerTestHost.SendHeader(topic,
            properties: BrokerTestHost.Properties(uniqKey: uniqKey, extra: (ScheduleTopics.PropertyTimerDeliverMs, deliverMs.ToString(CultureInfo.InvariantCulture)))), "timed");
        Assert.Equal(ResponseCode.Success, response.Code);
        return response.ReadHeader<SendMessageResponseHeader>();
    }

    [Fact]
    public async Task A_timed_send_answers_a_v1_handle_and_recall_stores_a_marker_answering_the_message_id()
    {
        await using var host = await BrokerTestHost.StartAsync(options => options.RecallMessageEnable = true);
        host.CreateTopic("Timed", queueNums: 1);
        long deliverMs = Now() + 60_000;

        var sent = await SendTimedAsync(host, "Timed", "UNIQ-1", deliverMs);
        Assert.True(RecallMessageHandle.TryDecode(sent.RecallHandle, out var handle));
        Assert.Equal(new RecallMessageHandle("Timed", "broker-a", (deliverMs + 1).ToString(CultureInfo.InvariantCulture), "UNIQ-1"), handle);
        Assert.Null((await host.SendOkAsync("Timed", "plain", uniqKey: "UNIQ-2")).RecallHandle);

        var recalled = await RecallAsync(host, "Timed", sent.RecallHandle!);
        Assert.True(recalled.Code == ResponseCode.Success, recalled.Remark);
        Assert.Equal("UNIQ-1", recalled.ReadHeader<RecallMessageResponseHeader>().MsgId);
        Assert.NotNull(recalled.GetExtField(MessageConst.PropertyMsgRegion));

        // The marker waits in the timer queue at the message's own time, never in the topic consumers read.
        await host.Store.WaitForDispatchAsync();
        Assert.Equal(2, host.Store.GetMaxOffsetInQueue(ScheduleTopics.TimerTopic, 0));
        Assert.Equal(1, host.Store.GetMaxOffsetInQueue("Timed", 0));
    }

    [Fact]
    public async Task Refusals_answer_apaches_codes_and_remarks()
    {
        await using (var disabled = await BrokerTestHost.StartAsync())
        {
            disabled.CreateTopic("Timed", queueNums: 1);
            var handle = (await SendTimedAsync(disabled, "Timed", "U", Now() + 60_000)).RecallHandle!;
            var forbidden = await RecallAsync(disabled, "Timed", handle);
            Assert.Equal((ResponseCode.NoPermission, "recall failed, operation is forbidden"), (forbidden.Code, forbidden.Remark));
        }

        await using var host = await BrokerTestHost.StartAsync(options => options.RecallMessageEnable = true);
        host.CreateTopic("Timed", queueNums: 1);
        host.CreateTopic("Other", queueNums: 1);
        long future = Now() + 60_000;
        var cases = new (string Topic, string Handle, int Code, string Remark)[]
        {
            ("Missing", RecallMessageHandle.Build("Missing", "broker-a", future, "U"), ResponseCode.TopicNotExist, "recall failed, the topic[Missing] not exist"),
            ("Timed", "not a handle", ResponseCode.IllegalOperation, "recall handle is invalid"),
            ("Timed", RecallMessageHandle.Build("Other", "broker-a", future, "U"), ResponseCode.IllegalOperation, "recall failed, topic not match"),
            ("Timed", RecallMessageHandle.Build("Timed", "broker-b", future, "U"), ResponseCode.IllegalOperation, "recall failed, broker service not available"),
            ("Timed", RecallMessageHandle.Build("Timed", "broker-a", Now() - 1, "U"), ResponseCode.IllegalOperation, "recall failed, timestamp invalid"),
        };
        foreach (var (topic, handle, code, remark) in cases)
        {
            var response = await RecallAsync(host, topic, handle);
            Assert.Equal((code, remark), (response.Code, response.Remark));
        }

        await host.Store.WaitForDispatchAsync();
        Assert.Equal(0, host.Store.GetMaxOffsetInQueue(ScheduleTopics.TimerTopic, 0));
    }
}
