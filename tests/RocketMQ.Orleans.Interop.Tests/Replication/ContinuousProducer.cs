using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Client.Producer;
using RocketMQ.Orleans.Protocol.Messages;

namespace RocketMQ.Orleans.Interop.Tests.Replication;

/// <summary>
/// Sends numbered messages from several loops until stopped, through the .NET producer with every silo as name
/// server and a fast route refresh, and keeps every acknowledgement (SEND_OK) with the store host that gave it.
/// </summary>
internal sealed class ContinuousProducer : IAsyncDisposable
{
    private readonly RocketMQProducer producer;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task[] loops;
    private readonly string topic;
    private int nextSeq;
    private int failures;

    public ContinuousProducer(string nameServers, string topic, int concurrency = 4)
    {
        this.topic = topic;
        producer = new RocketMQProducer(
            new RocketMQClientOptions { NameServerAddress = nameServers, RouteRefreshInterval = TimeSpan.FromMilliseconds(500), RequestTimeout = TimeSpan.FromSeconds(3) },
            new ProducerOptions { ProducerGroup = "PID_replication_" + Guid.NewGuid().ToString("N")[..8], SendTimeout = TimeSpan.FromSeconds(3) });
        loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(LoopAsync)).ToArray();
    }

    public ConcurrentDictionary<int, Ack> Acks { get; } = new();

    public int Failures => Volatile.Read(ref failures);

    public static string BodyOf(int seq) => $"replicated-{seq}-" + new string((char)('a' + seq % 26), 200 + seq % 700);

    /// <summary>Acks given by a store host other than <paramref name="address"/> ("ip:port").</summary>
    public IEnumerable<Ack> AcksNotFrom(string address) => Acks.Values.Where(a => a.StoreHost != address);

    private async Task LoopAsync()
    {
        var ct = stopping.Token;
        while (!ct.IsCancellationRequested)
        {
            int seq = Interlocked.Increment(ref nextSeq);
            var message = new Message(topic, Encoding.UTF8.GetBytes(BodyOf(seq))) { Keys = $"seq-{seq}" };
            try
            {
                var result = await producer.SendAsync(message, ct);
                if (result.Status == SendStatus.SendOk)
                {
                    Assert.True(MessageIds.TryParseOffsetMessageId(result.OffsetMsgId, out IPEndPoint? host, out long offset));
                    Acks[seq] = new Ack(seq, host!.ToString(), offset, result.Queue.QueueId, result.QueueOffset, Stopwatch.GetTimestamp());
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception)
            {
                // Not acknowledged: the message may or may not be stored, and the test only counts acknowledgements.
                Interlocked.Increment(ref failures);
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(loops);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopping.IsCancellationRequested) await StopAsync();
        await producer.DisposeAsync();
        stopping.Dispose();
    }

    public sealed record Ack(int Seq, string StoreHost, long PhysicalOffset, int QueueId, long QueueOffset, long AckedAt);
}
