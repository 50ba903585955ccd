using System.Globalization;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Grpc.Services;

/// <summary>
/// The v2 <c>transaction_id</c> this endpoint hands out for a half message (clients keep it opaque and send it back in
/// EndTransaction): the half message's offset message id (store host and commit-log offset, 32 hex digits) followed
/// by its offset in the half queue (16 hex digits) — what an end of the transaction must name.
/// </summary>
internal static class TransactionIds
{
    private const int OffsetMessageIdLength = 32;
    private const int QueueOffsetLength = 16;

    public static string Encode(string offsetMessageId, long halfQueueOffset) =>
        offsetMessageId + halfQueueOffset.ToString("X16", CultureInfo.InvariantCulture);

    public static bool TryParse(string? transactionId, out long commitLogOffset, out long halfQueueOffset)
    {
        commitLogOffset = 0;
        halfQueueOffset = 0;
        return transactionId is { Length: OffsetMessageIdLength + QueueOffsetLength }
            && MessageIds.TryParseOffsetMessageId(transactionId[..OffsetMessageIdLength], out _, out commitLogOffset)
            && long.TryParse(transactionId.AsSpan(OffsetMessageIdLength), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out halfQueueOffset);
    }
}
