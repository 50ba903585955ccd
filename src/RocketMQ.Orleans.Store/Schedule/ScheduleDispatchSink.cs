using System.Buffers.Text;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.Dispatch;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>
/// Wraps the store's dispatch sink: a schedule or timer entry gets its delivery time as tags code (Apache
/// <c>CommitLog.checkMessageAndReturnSize</c>: storeTimestamp + level delay; RocketMQ 5: TIMER_OUT_MS, flagged for a recall's cancel marker), and the
/// service waiting on that queue is woken once the entry is readable.
/// </summary>
internal sealed class ScheduleDispatchSink(IDispatchSink inner, ScheduleMessageService service) : IDispatchSink
{
    private static ReadOnlySpan<byte> DelayName => "DELAY"u8;
    private static ReadOnlySpan<byte> TimerOutName => "TIMER_OUT_MS"u8;

    public void Dispatch(in DispatchRequest request)
    {
        if (ReferenceEquals(request.Topic, ScheduleTopics.ScheduleTopic) || request.Topic == ScheduleTopics.ScheduleTopic)
        {
            long tagsCode = request.TagsCode;
            if (MessageProperties.TryGetValue(request.PropertiesUtf8, DelayName, out var value)
                && Utf8Parser.TryParse(value, out int level, out _) && level > 0)
                tagsCode = request.StoreTimestamp + service.Levels.DelayMs(Math.Min(level, service.Levels.MaxLevel));
            inner.Dispatch(request with { TagsCode = tagsCode });
            service.OnScheduleDispatched(request.QueueId);
        }
        else if (request.Topic == ScheduleTopics.TimerTopic)
        {
            long tagsCode = MessageProperties.TryGetValue(request.PropertiesUtf8, TimerOutName, out var value)
                && Utf8Parser.TryParse(value, out long deliverMs, out _) ? deliverMs : request.StoreTimestamp;
            tagsCode = Timer.TimerEntries.TagsCode(tagsCode, MessageProperties.TryGetValue(request.PropertiesUtf8, ScheduleTopics.PropertyTimerDelUniqKeyUtf8, out _));
            inner.Dispatch(request with { TagsCode = tagsCode });
            service.OnTimerDispatched();
        }
        else
        {
            inner.Dispatch(request);
        }
    }
}
