using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Store.Schedule;

/// <summary>
/// The scheduling properties of a message to put, found in one pass over its encoded properties without
/// allocating (the put path of every plain send runs this).
/// </summary>
internal ref struct ScheduleProperties
{
    public ReadOnlySpan<char> Delay;
    public ReadOnlySpan<char> DeliverMs;
    public ReadOnlySpan<char> DelaySec;
    public ReadOnlySpan<char> DelayMs;
    public ReadOnlySpan<char> StartDeliverTime;
    public bool HasTimerOut;
    public bool IsDeleteMarker;

    public readonly bool Any => !Delay.IsEmpty || !DeliverMs.IsEmpty || !DelaySec.IsEmpty || !DelayMs.IsEmpty || !StartDeliverTime.IsEmpty;

    public static ScheduleProperties Find(ReadOnlySpan<char> properties)
    {
        var found = default(ScheduleProperties);
        while (!properties.IsEmpty)
        {
            int end = properties.IndexOf(MessageConst.PropertySeparator);
            var segment = end < 0 ? properties : properties[..end];
            int separator = segment.IndexOf(MessageConst.NameValueSeparator);
            if (separator > 0 && separator < segment.Length - 1)
                found.Take(segment[..separator], segment[(separator + 1)..]);
            properties = end < 0 ? default : properties[(end + 1)..];
        }

        return found;
    }

    public static ScheduleProperties Find(IReadOnlyDictionary<string, string> properties)
    {
        // Lookups rather than enumerating the interface, which would box an enumerator on every put.
        var found = default(ScheduleProperties);
        found.Delay = properties.GetValueOrDefault(MessageConst.PropertyDelayTimeLevel);
        found.DeliverMs = properties.GetValueOrDefault(ScheduleTopics.PropertyTimerDeliverMs);
        found.DelaySec = properties.GetValueOrDefault(ScheduleTopics.PropertyTimerDelaySec);
        found.DelayMs = properties.GetValueOrDefault(ScheduleTopics.PropertyTimerDelayMs);
        found.StartDeliverTime = properties.GetValueOrDefault(ScheduleTopics.PropertyStartDeliverTime);
        found.HasTimerOut = !string.IsNullOrEmpty(properties.GetValueOrDefault(ScheduleTopics.PropertyTimerOutMs));
        found.IsDeleteMarker = !string.IsNullOrEmpty(properties.GetValueOrDefault(ScheduleTopics.PropertyTimerDelUniqKey));
        return found;
    }

    private void Take(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        // Later duplicates win, as when the properties are decoded into a map.
        switch (name.Length)
        {
            case 5 when name.SequenceEqual(MessageConst.PropertyDelayTimeLevel):
                Delay = value;
                break;
            case 12 when name.SequenceEqual(ScheduleTopics.PropertyTimerOutMs):
                HasTimerOut = true;
                break;
            case 14 when name.SequenceEqual(ScheduleTopics.PropertyTimerDelayMs):
                DelayMs = value;
                break;
            case 15 when name.SequenceEqual(ScheduleTopics.PropertyTimerDelaySec):
                DelaySec = value;
                break;
            case 16 when name.SequenceEqual(ScheduleTopics.PropertyTimerDeliverMs):
                DeliverMs = value;
                break;
            case 17 when name.SequenceEqual(ScheduleTopics.PropertyTimerDelUniqKey):
                IsDeleteMarker = !value.IsEmpty;
                break;
            case 18 when name.SequenceEqual(ScheduleTopics.PropertyStartDeliverTime):
                StartDeliverTime = value;
                break;
        }
    }
}
