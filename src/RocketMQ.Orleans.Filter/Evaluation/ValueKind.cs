namespace RocketMQ.Orleans.Filter.Evaluation;

/// <summary>
/// The Java types an Apache selector expression evaluates to. <see cref="Error"/> stands for an exception thrown by
/// the Java evaluation (e.g. a string that does not parse as the number it is compared with): it ends the evaluation,
/// and the message does not match.
/// </summary>
internal enum ValueKind : byte
{
    Null,
    Error,
    Boolean,
    Int,
    Long,
    Double,
    String,
}
