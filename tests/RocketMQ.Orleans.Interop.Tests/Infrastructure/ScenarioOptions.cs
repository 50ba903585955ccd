namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>A topic for admin.js to create (or update) through ali-ons' UPDATE_AND_CREATE_TOPIC.</summary>
public sealed record TopicSpec(string Topic, int QueueNums = 4, int Perm = 6);

/// <summary>Settings of produce.js (see the script's header for their meaning).</summary>
public sealed record ProduceOptions
{
    public required string Topic { get; init; }

    public int Count { get; init; } = 100;

    public int StartSeq { get; init; }

    /// <summary>Sends in flight at once.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Body sizes rotating by seq; 4096 and above are compressed by ali-ons.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [128];

    /// <summary>Tags rotating by seq.</summary>
    public IReadOnlyList<string> Tags { get; init; } = ["TagA", "TagB", "TagC"];

    public string ProducerGroup { get; init; } = "PID_interop_wire";

    /// <summary>ACL credentials ali-ons signs with; null keeps common.js' defaults (interop-ak / interop-sk).</summary>
    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>Hard timeout inside the script.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(3);
}

/// <summary>Settings of consume.js (see the script's header for their meaning).</summary>
public sealed record ConsumeOptions
{
    public required string ConsumerGroup { get; init; }

    public required string Topic { get; init; }

    /// <summary>Tag expression, e.g. "TagA || TagB".</summary>
    public string Subscription { get; init; } = "*";

    /// <summary>"first" (a new group starts at offset 0) or "last" (ali-ons' default).</summary>
    public string ConsumeFrom { get; init; } = "first";

    public int FailFirst { get; init; }

    public bool AlwaysFail { get; init; }

    /// <summary>ali-ons' maxReconsumeTimes, sent with every CONSUMER_SEND_MSG_BACK; null keeps ali-ons' 16.</summary>
    public int? MaxReconsumeTimes { get; init; }

    /// <summary>ACL credentials ali-ons signs with; null keeps common.js' defaults (interop-ak / interop-sk).</summary>
    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>Stop by itself after this many distinct acknowledged messages; null runs until stopped.</summary>
    public int? ExpectCount { get; init; }

    /// <summary>Hard timeout inside the script.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(3);
}
