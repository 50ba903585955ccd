using System.Text;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.Tests.MessageStoreTests;

namespace RocketMQ.Orleans.Store.Tests.Schedule;

/// <summary>Messages with scheduling properties and reads of whole queues, for the schedule tests.</summary>
internal static class ScheduleTestKit
{
    public static MessageStoreOptions Options(string delayLevels)
    {
        var options = TestStore.SmallOptions();
        options.MessageDelayLevel = delayLevels;
        return options;
    }

    public static MessageToStore Message(string topic, int queueId, string body, params (string Name, string Value)[] properties)
    {
        var map = new Dictionary<string, string> { [MessageConst.PropertyUniqClientMessageIdKeyidx] = "U-" + body };
        foreach (var (name, value) in properties)
            map[name] = value;
        return new MessageToStore
        {
            Topic = topic,
            QueueId = queueId,
            Body = Encoding.UTF8.GetBytes(body),
            PropertiesString = MessageProperties.Encode(map),
            BornTimestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
    }

    public static MessageToStore Delayed(string topic, int queueId, string body, int level) =>
        Message(topic, queueId, body, (MessageConst.PropertyDelayTimeLevel, level.ToString()));

    public static async Task<List<MessageExt>> ReadAllAsync(MessageStore store, string topic, int queueId)
    {
        var all = new List<MessageExt>();
        for (long offset = Math.Max(0, store.GetMinOffsetInQueue(topic, queueId)); offset < store.GetMaxOffsetInQueue(topic, queueId);)
        {
            using var got = await store.GetMessageAsync("test", topic, queueId, offset, 32);
            if (got.Status != GetMessageStatus.Found) break;
            all.AddRange(got.Messages.Select(m => StoredMessageDecoder.Decode(m.Span)));
            offset = got.NextBeginOffset;
        }

        return all;
    }

    public static string BodyOf(MessageExt message) => Encoding.UTF8.GetString(message.Body);

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
