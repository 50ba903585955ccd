using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Protocol.Messages;
using RocketMQ.Orleans.Store.CommitLog;

namespace RocketMQ.Orleans.Store.Tests.CommitLog;

/// <summary>
/// The scan that extends recovery past FASTER's last commit, over records laid out by hand the way FASTER
/// lays them out (4 KiB pages: a record that does not fit in the rest of a page starts the next one).
/// </summary>
public sealed class CommitLogRecoveryTests : IDisposable
{
    private const int PageBits = 12;
    private const int PageSize = 1 << PageBits;
    private const int SegmentBits = 16;
    private const int MaxRecord = 2048;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "rmq-recovery-" + Guid.NewGuid().ToString("N"));
    private readonly BufferedSegmentDevice device;
    private long tail = LogRecordFormat.FirstValidAddress;

    public CommitLogRecoveryTests()
    {
        Directory.CreateDirectory(directory);
        device = new BufferedSegmentDevice(Path.Combine(directory, "commitlog.log"), SegmentBits);
    }

    [Fact]
    public void Chain_is_followed_across_page_end_padding_to_its_end()
    {
        var addresses = Enumerable.Range(0, 12).Select(i => Append(900 + i * 7)).ToList();
        Assert.True(addresses[^1] >= 2 * PageSize, "the chain should span pages");
        Assert.Contains(addresses, a => a % PageSize == 0);

        var scan = CommitLogRecovery.Scan(device, LogRecordFormat.FirstValidAddress, PageBits, MaxRecord);

        Assert.Equal(new CommitLogRecovery.ScanResult(tail, 12), scan);
        // Starting mid-chain (at a later commit's until-address) finds the rest.
        Assert.Equal(new CommitLogRecovery.ScanResult(tail, 7), CommitLogRecovery.Scan(device, addresses[5], PageBits, MaxRecord));
    }

    [Fact]
    public void A_torn_last_record_ends_the_chain_before_it()
    {
        for (int i = 0; i < 5; i++) Append(700);
        long chainEnd = tail;
        var torn = Build(chainEnd, 700);
        device.WriteAt(chainEnd, torn.AsSpan(0, torn.Length / 2));

        var scan = CommitLogRecovery.Scan(device, LogRecordFormat.FirstValidAddress, PageBits, MaxRecord);

        Assert.Equal(new CommitLogRecovery.ScanResult(chainEnd, 5), scan);
    }

    [Fact]
    public void Garbage_after_the_chain_ends_it()
    {
        for (int i = 0; i < 3; i++) Append(500);
        long chainEnd = tail;
        var garbage = new byte[300];
        new Random(7).NextBytes(garbage);
        device.WriteAt(chainEnd, garbage);

        Assert.Equal(new CommitLogRecovery.ScanResult(chainEnd, 3), CommitLogRecovery.Scan(device, LogRecordFormat.FirstValidAddress, PageBits, MaxRecord));
    }

    [Fact]
    public void Zeros_where_the_next_page_record_would_have_fit_are_a_hole_not_padding()
    {
        Append(600);
        long chainEnd = tail;
        // A record at the next page start that FASTER would have placed at chainEnd: what lies between was lost.
        var record = Build(PageSize, 600);
        device.WriteAt(PageSize, record);

        Assert.Equal(new CommitLogRecovery.ScanResult(chainEnd, 1), CommitLogRecovery.Scan(device, LogRecordFormat.FirstValidAddress, PageBits, MaxRecord));
    }

    [Fact]
    public void A_record_whose_stamped_offset_is_not_its_address_ends_the_chain()
    {
        Append(400);
        long chainEnd = tail;
        var moved = Build(chainEnd + 64, 400); // whole and checksummed, but stamped for another address
        device.WriteAt(chainEnd, moved);

        Assert.Equal(new CommitLogRecovery.ScanResult(chainEnd, 1), CommitLogRecovery.Scan(device, LogRecordFormat.FirstValidAddress, PageBits, MaxRecord));
    }

    [Fact]
    public async Task FasterLog_opens_with_the_uncommitted_chain_and_the_torn_rest_is_zeroed()
    {
        var addresses = Enumerable.Range(0, 9).Select(_ => Append(1000)).ToList();
        long chainEnd = tail;
        var torn = Build(chainEnd, 1000);
        device.WriteAt(chainEnd, torn.AsSpan(0, 600));
        device.Dispose();

        var options = new MessageStoreOptions
        {
            CommitLogPageSizeBits = PageBits,
            CommitLogMemorySizeBits = PageBits + 2,
            CommitLogSegmentSizeBits = SegmentBits,
            MaxMessageSize = MaxRecord,
        };
        await using var log = CommitLogFile.Open(directory, options, TimeProvider.System, NullLogger.Instance);

        Assert.Equal(chainEnd, log.CommittedUntilAddress);
        Assert.Equal(chainEnd, log.TailAddress);
        using var iterator = log.Scan(log.BeginAddress);
        var found = new List<long>();
        while (iterator.GetNext(out var payload, out int length, out long address))
        {
            Assert.True(StoredMessageView.TryParse(payload.AsSpan(0, length), out var view));
            Assert.Equal(address, view.PhysicalOffset);
            found.Add(address);
        }
        Assert.Equal(addresses, found);

        using var check = new BufferedSegmentDevice(Path.Combine(directory, "commitlog.log"), SegmentBits);
        var rest = new byte[600];
        check.ReadAt(chainEnd, rest);
        Assert.All(rest, b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_dispatch_reader_follows_the_chain_across_page_padding_in_small_steps()
    {
        var addresses = Enumerable.Range(0, 15).Select(i => Append(300 + i * 97)).ToList();
        var seen = new Collector();
        using var reader = new WrittenRecordReader(device, PageBits, LogRecordFormat.FirstValidAddress);

        // As the written address grows record by record, as it does between write rounds.
        foreach (long address in addresses.Skip(1))
            reader.ReadUntil(address, seen);
        reader.ReadUntil(tail, seen);

        Assert.Equal(addresses, seen.Addresses);
        Assert.Equal(tail, reader.NextAddress);
    }

    private sealed class Collector : IRecordConsumer
    {
        public List<long> Addresses { get; } = [];

        public bool Consume(ReadOnlySpan<byte> payload, long address, long nextAddress)
        {
            Assert.True(StoredMessageView.TryParse(payload, out var view));
            Assert.Equal(address, view.PhysicalOffset);
            Addresses.Add(address);
            return true;
        }
    }

    // Places a record the way FASTER allocates: at the tail, or at the next page start when it does not fit.
    private long Append(int bodyLength)
    {
        int footprint = LogRecordFormat.Footprint(MessageLength(bodyLength));
        if (tail % PageSize + footprint > PageSize)
            tail += PageSize - tail % PageSize;
        long address = tail;
        device.WriteAt(address, Build(address, bodyLength));
        tail += footprint;
        return address;
    }

    private static int MessageLength(int bodyLength) =>
        StoredMessageEncoder.GetLength(new StoredMessageHeader(), bodyLength, 1, 0);

    private static byte[] Build(long address, int bodyLength)
    {
        int length = MessageLength(bodyLength);
        var record = new byte[LogRecordFormat.Footprint(length)];
        var body = new byte[bodyLength];
        new Random((int)address).NextBytes(body);
        var header = new StoredMessageHeader { PhysicalOffset = address, QueueOffset = address / 64 };
        StoredMessageEncoder.Write(record.AsSpan(LogRecordFormat.HeaderSize), header, body, "T"u8, default);
        LogRecordFormat.WriteHeader(record, length);
        return record;
    }

    public void Dispose()
    {
        device.Dispose();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
