using System.Buffers;
using FASTER.core;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Store.CommitLog;

/// <summary>
/// Extends FASTER's last commit over the records written through after it, before FasterLog opens.
/// Acknowledgement (write-through) runs ahead of FASTER's commits, so after a kill -9 the segment files
/// hold acknowledged records past the committed address. They form a valid chain from that address:
/// the scan follows it and a new commit record with the chain's end as its until-address is written,
/// so FasterLog's own recovery loads that tail and the dispatcher replays the records.
/// The scan starts at the later of that commit and the durable-until hint (every byte below it was fsynced).
/// </summary>
internal static class CommitLogRecovery
{
    /// <summary>Chain scan result: where the valid records end and how many were found past the start.</summary>
    public readonly record struct ScanResult(long EndAddress, int Records);

    /// <summary>
    /// Extends the latest commit to the end of the valid chain and zeroes what lies past it in that page and
    /// the next one, so a torn remainder can never be mistaken for data once new records surround it.
    /// Returns the recovered end address.
    /// </summary>
    public static long ExtendLatestCommit(BufferedSegmentDevice device, BufferedLogCommitManager commitManager, int pageSizeBits, int maxRecordLength)
    {
        bool found = TryLoadLatest(commitManager, out var info);
        long from = found ? info.UntilAddress : LogRecordFormat.FirstValidAddress;
        // Records below the durable hint were fsynced: no need to scan them again.
        long hint = commitManager.ReadDurableHint();
        if (hint > from && (!found || hint >= info.BeginAddress))
            from = hint;
        var scan = Scan(device, from, pageSizeBits, maxRecordLength);
        ZeroPastChain(device, scan.EndAddress, pageSizeBits);
        if (scan.EndAddress <= (found ? info.UntilAddress : LogRecordFormat.FirstValidAddress))
            return scan.EndAddress;

        if (!found)
        {
            info = new FasterLogRecoveryInfo { BeginAddress = LogRecordFormat.FirstValidAddress, CommitNum = 0 };
        }
        info.UntilAddress = scan.EndAddress;
        info.CommitNum++;
        commitManager.Commit(info.BeginAddress, info.UntilAddress, info.ToByteArray(), info.CommitNum, forceWriteMetadata: true);
        commitManager.Flush();
        return scan.EndAddress;
    }

    /// <summary>
    /// Discards every record at or past <paramref name="offset"/> (a record start): a replica whose tail its group's
    /// new leader never had. FasterLog cannot move its tail back (microsoft/FASTER#895), so this runs before the log
    /// opens: the bytes past the offset are zeroed and the last commit and the durable hint are cut back to it, and
    /// FasterLog's recovery then ends the log there. Returns how many bytes of records were discarded.
    /// </summary>
    public static long TruncateTo(BufferedSegmentDevice device, BufferedLogCommitManager commitManager, int pageSizeBits, int maxRecordLength, long offset)
    {
        var scan = Scan(device, offset, pageSizeBits, maxRecordLength);
        ZeroRange(device, offset, scan.EndAddress);
        ZeroPastChain(device, scan.EndAddress, pageSizeBits);
        ZeroPastChain(device, offset, pageSizeBits);
        if (TryLoadLatest(commitManager, out var info) && info.UntilAddress > offset)
        {
            info.UntilAddress = Math.Max(offset, info.BeginAddress);
            info.CommitNum++;
            commitManager.Commit(info.BeginAddress, info.UntilAddress, info.ToByteArray(), info.CommitNum, forceWriteMetadata: true);
        }
        if (commitManager.ReadDurableHint() > offset)
            commitManager.WriteDurableHint(offset);
        device.Flush();
        commitManager.Flush();
        return scan.EndAddress - offset;
    }

    /// <summary>
    /// Makes an empty log (no commit, no records) begin at <paramref name="offset"/>, a page start: FasterLog's
    /// recovery then opens it with that begin and tail, and the first record appended lands there. A replica joins
    /// a leader whose retention already deleted the head of its log this way, at the leader's begin.
    /// </summary>
    public static void BeginEmptyAt(BufferedLogCommitManager commitManager, long offset)
    {
        var info = new FasterLogRecoveryInfo { BeginAddress = offset, UntilAddress = offset, CommitNum = 1 };
        commitManager.Commit(offset, offset, info.ToByteArray(), info.CommitNum, forceWriteMetadata: true);
        commitManager.WriteDurableHint(offset);
        commitManager.Flush();
    }

    private static void ZeroRange(BufferedSegmentDevice device, long from, long until)
    {
        var zeros = new byte[1 << 20];
        for (long address = from; address < until;)
        {
            long segmentEnd = (device.SegmentOf(address) + 1L) << device.SegmentSizeBits;
            int chunk = (int)Math.Min(Math.Min(zeros.Length, until - address), segmentEnd - address);
            device.WriteAt(address, zeros.AsSpan(0, chunk));
            address += chunk;
        }
    }

    /// <summary>
    /// Follows records from <paramref name="from"/> (a record start) while each is whole: a positive length
    /// that fits the page, FASTER's checksum, and a stored message whose size is the record length and whose
    /// physical offset field is its own address. Zeros at a page start end the chain; zeros elsewhere are
    /// FASTER's page-end padding only if the record at the next page start would not have fit there.
    /// </summary>
    public static ScanResult Scan(BufferedSegmentDevice device, long from, int pageSizeBits, int maxRecordLength)
    {
        long pageSize = 1L << pageSizeBits;
        var buffer = ArrayPool<byte>.Shared.Rent(LogRecordFormat.Footprint(maxRecordLength));
        try
        {
            long address = from;
            int records = 0;
            while (true)
            {
                long offset = address & (pageSize - 1);
                int length = offset + LogRecordFormat.HeaderSize <= pageSize ? ReadRecord(device, address, pageSize, maxRecordLength, buffer) : 0;
                if (length > 0)
                {
                    address += LogRecordFormat.Footprint(length);
                    records++;
                    continue;
                }
                if (length < 0 || offset == 0)
                    return new ScanResult(address, records);
                long nextPage = address - offset + pageSize;
                int next = ReadRecord(device, nextPage, pageSize, maxRecordLength, buffer);
                // FASTER skips to the next page only when the record does not fit in what is left of this one.
                if (next <= 0 || offset + LogRecordFormat.Footprint(next) <= pageSize || !IsZero(device, address, pageSize - offset, buffer))
                    return new ScanResult(address, records);
                address = nextPage;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Returns the payload length of a whole record at the address, 0 for an all-zero header, -1 for anything else.
    private static int ReadRecord(BufferedSegmentDevice device, long address, long pageSize, int maxRecordLength, byte[] buffer)
    {
        var header = buffer.AsSpan(0, LogRecordFormat.HeaderSize);
        device.ReadAt(address, header);
        int length = LogRecordFormat.ReadLength(header);
        if (length == 0)
            return LogRecordFormat.ReadChecksum(header) == 0 ? 0 : -1;
        long offset = address & (pageSize - 1);
        if (length < 0 || length > maxRecordLength || offset + LogRecordFormat.Footprint(length) > pageSize)
            return -1;
        var record = buffer.AsSpan(0, LogRecordFormat.HeaderSize + length);
        device.ReadAt(address + LogRecordFormat.HeaderSize, record[LogRecordFormat.HeaderSize..]);
        if (!LogRecordFormat.HasValidChecksum(record, length))
            return -1;
        var message = record[LogRecordFormat.HeaderSize..];
        return StoredMessageView.TryParse(message, out var view) && view.TotalSize == length && view.PhysicalOffset == address
            ? length
            : -1;
    }

    private static bool IsZero(BufferedSegmentDevice device, long address, long count, byte[] buffer)
    {
        while (count > 0)
        {
            int chunk = (int)Math.Min(count, buffer.Length);
            var span = buffer.AsSpan(0, chunk);
            device.ReadAt(address, span);
            if (span.ContainsAnyExcept((byte)0)) return false;
            address += chunk;
            count -= chunk;
        }
        return true;
    }

    // Past the chain lies at most one torn record (in the chain end's page, or at the next page's start)
    // and FASTER's sector-rounded flush remainder: zeroing both pages leaves only zeros after the tail.
    private static void ZeroPastChain(BufferedSegmentDevice device, long end, int pageSizeBits)
    {
        long pageSize = 1L << pageSizeBits;
        long stop = (end & ~(pageSize - 1)) + 2 * pageSize;
        var zeros = new byte[(int)Math.Min(pageSize, 1 << 20)];
        var probe = new byte[zeros.Length];
        for (long address = end; address < stop;)
        {
            long segmentEnd = (device.SegmentOf(address) + 1L) << device.SegmentSizeBits;
            int chunk = (int)Math.Min(Math.Min(zeros.Length, stop - address), segmentEnd - address);
            var span = probe.AsSpan(0, chunk);
            device.ReadAt(address, span);
            if (span.ContainsAnyExcept((byte)0))
                device.WriteAt(address, zeros.AsSpan(0, chunk));
            address += chunk;
        }
    }

    private static bool TryLoadLatest(BufferedLogCommitManager commitManager, out FasterLogRecoveryInfo info)
    {
        foreach (long commitNum in commitManager.ListCommits())
        {
            var metadata = commitManager.GetCommitMetadata(commitNum);
            if (metadata is null) continue;
            try
            {
                info = new FasterLogRecoveryInfo();
                using var reader = new BinaryReader(new MemoryStream(metadata));
                info.Initialize(reader);
                if (info.CommitNum == -1) info.CommitNum = commitNum;
                return true;
            }
            catch (FasterException)
            {
                // A damaged commit: try the older one, as FasterLog itself does.
            }
        }
        info = default;
        return false;
    }
}
