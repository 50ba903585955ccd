namespace RocketMQ.Orleans.Protocol.Remoting;

/// <summary>Why a frame, header or body could not be decoded.</summary>
public enum RemotingProtocolError
{
    /// <summary>The declared frame length exceeds the allowed maximum.</summary>
    FrameTooLarge,

    /// <summary>The declared frame length is negative.</summary>
    NegativeLength,

    /// <summary>The declared header length exceeds what the server accepts.</summary>
    HeaderTooLarge,

    /// <summary>Declared lengths disagree: a frame too short for its header-length word, or a header longer than the frame.</summary>
    InconsistentLength,

    /// <summary>The header ends before its fixed fields do.</summary>
    TruncatedHeader,

    /// <summary>The JSON header is not valid JSON or not the expected shape.</summary>
    BadJson,

    /// <summary>A ROCKETMQ binary header declares a string or map longer than what is there.</summary>
    BadBinaryHeader,

    /// <summary>The serialize-type byte is neither JSON nor ROCKETMQ.</summary>
    UnknownSerializeType,

    /// <summary>A required header field is absent.</summary>
    MissingHeaderField,

    /// <summary>A header field is present but does not parse (e.g. not a number).</summary>
    BadHeaderField,

    /// <summary>A message body (e.g. a SEND_BATCH_MESSAGE batch) is malformed.</summary>
    BadMessageBody,
}
