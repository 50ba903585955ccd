using System.Net;

namespace RocketMQ.Orleans.Protocol.Messages;

/// <summary>The fixed fields of a stored message, passed to <see cref="StoredMessageEncoder.Write"/>.</summary>
public struct StoredMessageHeader
{
    public int QueueId { get; set; }

    public int Flag { get; set; }

    public long QueueOffset { get; set; }

    public long PhysicalOffset { get; set; }

    /// <summary>
    /// The sys flag. The encoder overrides its two host-family bits with the families of
    /// <see cref="BornHost"/> and <see cref="StoreHost"/> so the layout and the flag always agree.
    /// </summary>
    public int SysFlag { get; set; }

    public long BornTimestamp { get; set; }

    public IPEndPoint? BornHost { get; set; }

    public long StoreTimestamp { get; set; }

    public IPEndPoint? StoreHost { get; set; }

    public int ReconsumeTimes { get; set; }

    public long PreparedTransactionOffset { get; set; }

    /// <summary>The sys flag as written: host-family bits set from the actual host addresses.</summary>
    public readonly int EffectiveSysFlag
    {
        get
        {
            int flag = SysFlag & ~(MessageSysFlag.BornHostV6Flag | MessageSysFlag.StoreHostAddressV6Flag);
            if (BornHost is not null && HostAddress.IsV6(BornHost))
            {
                flag |= MessageSysFlag.BornHostV6Flag;
            }

            if (StoreHost is not null && HostAddress.IsV6(StoreHost))
            {
                flag |= MessageSysFlag.StoreHostAddressV6Flag;
            }

            return flag;
        }
    }

    /// <summary>The stored-layout header fields of <paramref name="message"/>.</summary>
    public static StoredMessageHeader From(MessageExt message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new StoredMessageHeader
        {
            QueueId = message.QueueId,
            Flag = message.Flag,
            QueueOffset = message.QueueOffset,
            PhysicalOffset = message.CommitLogOffset,
            SysFlag = message.SysFlag,
            BornTimestamp = message.BornTimestamp,
            BornHost = message.BornHost,
            StoreTimestamp = message.StoreTimestamp,
            StoreHost = message.StoreHost,
            ReconsumeTimes = message.ReconsumeTimes,
            PreparedTransactionOffset = message.PreparedTransactionOffset,
        };
    }

    /// <summary>The header fields of a stored message as it is, to write it again (e.g. with other properties).</summary>
    public static StoredMessageHeader From(in StoredMessageView view) => new()
    {
        QueueId = view.QueueId,
        Flag = view.Flag,
        QueueOffset = view.QueueOffset,
        PhysicalOffset = view.PhysicalOffset,
        SysFlag = view.SysFlag,
        BornTimestamp = view.BornTimestamp,
        BornHost = view.GetBornHost(),
        StoreTimestamp = view.StoreTimestamp,
        StoreHost = view.GetStoreHost(),
        ReconsumeTimes = view.ReconsumeTimes,
        PreparedTransactionOffset = view.PreparedTransactionOffset,
    };
}
