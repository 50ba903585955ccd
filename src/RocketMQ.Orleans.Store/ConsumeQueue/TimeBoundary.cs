namespace RocketMQ.Orleans.Store.ConsumeQueues;

/// <summary>Which side of a timestamp a search-by-time answers (Apache's BoundaryType).</summary>
public enum TimeBoundary
{
    /// <summary>The first queue offset whose message was stored at or after the timestamp.</summary>
    Lower = 0,

    /// <summary>The last queue offset whose message was stored at or before the timestamp.</summary>
    Upper = 1,
}
