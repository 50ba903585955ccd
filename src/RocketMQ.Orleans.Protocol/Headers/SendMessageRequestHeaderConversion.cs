namespace RocketMQ.Orleans.Protocol.Headers;

public sealed partial class SendMessageRequestHeaderV2
{
    /// <summary>The same header under its v1 field names (Apache <c>createSendMessageRequestHeaderV1</c>).</summary>
    public SendMessageRequestHeader ToV1() => new()
    {
        ProducerGroup = A,
        Topic = B,
        DefaultTopic = C,
        DefaultTopicQueueNums = D,
        QueueId = E,
        SysFlag = F,
        BornTimestamp = G,
        Flag = H,
        Properties = I,
        ReconsumeTimes = J,
        UnitMode = K,
        MaxReconsumeTimes = L,
        Batch = M,
    };

    /// <summary>The v2 form of a v1 header (Apache <c>createSendMessageRequestHeaderV2</c>).</summary>
    public static SendMessageRequestHeaderV2 FromV1(SendMessageRequestHeader v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        return new()
        {
            A = v1.ProducerGroup,
            B = v1.Topic,
            C = v1.DefaultTopic,
            D = v1.DefaultTopicQueueNums,
            E = v1.QueueId,
            F = v1.SysFlag,
            G = v1.BornTimestamp,
            H = v1.Flag,
            I = v1.Properties,
            J = v1.ReconsumeTimes,
            K = v1.UnitMode,
            L = v1.MaxReconsumeTimes,
            M = v1.Batch,
        };
    }
}

public sealed partial class SendMessageRequestHeader
{
    /// <summary>Reads a send header from either v1 (SEND_MESSAGE) or v2 (SEND_MESSAGE_V2, SEND_BATCH_MESSAGE) ext fields.</summary>
    public static SendMessageRequestHeader FromExtFields(IReadOnlyDictionary<string, string>? extFields, bool v2) =>
        v2 ? SendMessageRequestHeaderV2.FromExtFields(extFields).ToV1() : FromExtFields(extFields);
}
