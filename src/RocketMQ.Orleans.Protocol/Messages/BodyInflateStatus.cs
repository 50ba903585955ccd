namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>What <see cref="CompressedBody"/> made of a body.</summary>
public enum BodyInflateStatus
{
    /// <summary>The body was not flagged COMPRESSED: nothing to do.</summary>
    NotCompressed,

    /// <summary>Inflated within the cap.</summary>
    Inflated,

    /// <summary>Flagged COMPRESSED but not zlib data; the stored bytes are kept.</summary>
    NotZlib,

    /// <summary>Inflates to more than the cap (a zlib bomb, or a body larger than MaxMessageSize); the stored bytes are kept.</summary>
    TooLarge,
}
