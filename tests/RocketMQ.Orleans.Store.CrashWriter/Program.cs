using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Orleans.Store;

// Usage: CrashWriter <dataDir> <AsyncFlush|SyncFlush> [writers] [queues] [commitIntervalMs]
// Puts messages from concurrent writers until killed. After each acknowledged put it prints
// "ACK <key>;" and flushes, so whoever reads stdout knows exactly which puts were acknowledged.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: CrashWriter <dataDir> <AsyncFlush|SyncFlush> [writers] [queues] [commitIntervalMs]");
    return 2;
}
// A long background commit interval leaves FASTER's commits far behind the acknowledged records.
if (args.Length > 4)
    AppContext.SetData("RocketMQ.Orleans.Store.CommitLog.CommitIntervalMs", args[4]);

var options = new MessageStoreOptions
{
    DataPath = args[0],
    FlushDiskType = Enum.Parse<FlushDiskType>(args[1]),
    CommitLogPageSizeBits = 20,
    CommitLogMemorySizeBits = 22,
    CommitLogSegmentSizeBits = 24,
    MaxMessageSize = 64 * 1024,
    FlushConsumeQueueInterval = 50,
};
int writers = args.Length > 2 ? int.Parse(args[2]) : 8;
int queues = args.Length > 3 ? int.Parse(args[3]) : 4;

var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
var outputLock = new object();
await using var store = await MessageStore.OpenAsync(options, NullLoggerFactory.Instance);
lock (outputLock) stdout.Write("READY;\n");

var body = new byte[1024];
Random.Shared.NextBytes(body);
var tasks = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
{
    for (long seq = 0; ; seq++)
    {
        string key = $"w{writer}-{seq}";
        var message = new MessageToStore
        {
            Topic = "CrashTopic",
            QueueId = (int)(seq % queues),
            Body = body,
            Properties = new Dictionary<string, string> { ["KEYS"] = key, ["TAGS"] = "crash" },
            BornTimestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        var result = await store.PutMessageAsync(message);
        if (result.Status != PutMessageStatus.PutOk)
        {
            lock (outputLock) stdout.Write($"FAIL {key} {result.Status};\n");
            continue;
        }
        // One write call per line: a kill can cut the stream only between lines (or inside the last one, which lacks ';').
        lock (outputLock) stdout.Write($"ACK {key};\n");
    }
})).ToArray();
await Task.WhenAll(tasks);
return 0;
