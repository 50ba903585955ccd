using System.Globalization;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Store;
using RocketMQ.Orleans.Store.Replication;
using static RocketMQ.Orleans.Broker.Replication.ReplicationRequestCodes;

namespace RocketMQ.Orleans.Broker.Replication.DataPlane;

/// <summary>
/// A follower's copy loop: fetches from its leader from its own log end, appends what comes back at the same
/// physical offsets, and shows consumers no more than the leader has confirmed. Each fetch's offset is the
/// acknowledgement of the previous answer, so the leader learns progress without a separate message.
/// </summary>
internal sealed partial class ReplicaFollower : IAsyncDisposable
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(1);
    private readonly MessageStore store;
    private readonly ReplicationOptions options;
    private readonly string replicaId;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly ReplicaFetchChannel channel;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Held while anything copied from the leader goes into the store; see DisposeAsync.
    private readonly Lock applying = new();
    private readonly Protocol.Acl.AclHmac? hmac;
    private readonly string epochText;
    private readonly string maxBytesText;

    public ReplicaFollower(MessageStore store, ReplicationOptions options, string replicaId, string leaderAddress, long epoch, ILogger logger)
    {
        this.store = store;
        this.options = options;
        this.replicaId = replicaId;
        this.logger = logger;
        hmac = options.SecretKey is { Length: > 0 } secret ? new Protocol.Acl.AclHmac(secret) : null;
        LeaderAddress = leaderAddress;
        Epoch = epoch;
        epochText = epoch.ToString(CultureInfo.InvariantCulture);
        maxBytesText = options.MaxTransferBytes.ToString(CultureInfo.InvariantCulture);
        // An answer carries up to MaxTransferBytes of records, or one record when a single one is longer.
        channel = new ReplicaFetchChannel(leaderAddress, FetchTimeout,
            Math.Max(Protocol.Remoting.RemotingCommandCodec.DefaultMaxFrameLength, options.MaxTransferBytes + 1024 * 1024));
        // Its own thread, blocked in the socket between answers: see ReplicaFetchChannel.
        new Thread(Run) { IsBackground = true, Name = "replica-follower" }.Start();
    }

    public string LeaderAddress { get; }

    public long Epoch { get; }

    /// <summary>Set when the leader's records did not continue this log: the coordinator truncates or resyncs.</summary>
    public string? Diverged { get; private set; }

    /// <summary>
    /// Set when the leader's retention has deleted the records this log would continue with: the leader's begin,
    /// where the coordinator makes this replica begin an empty log.
    /// </summary>
    public long? LeaderBegin { get; private set; }

    private void Run()
    {
        try
        {
            CopyLoop();
        }
        finally
        {
            channel.Dispose();
            hmac?.Dispose();
            stopped.TrySetResult();
        }
    }

    private void CopyLoop()
    {
        var ct = stopping.Token;
        int failures = 0;
        long metadataDue = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (System.Diagnostics.Stopwatch.GetTimestamp() >= metadataDue)
                {
                    SyncMetadata();
                    metadataDue = System.Diagnostics.Stopwatch.GetTimestamp() + options.MetadataSyncMillis * System.Diagnostics.Stopwatch.Frequency / 1000;
                }
                long offset = store.LogEndOffset;
                var request = RemotingCommand.CreateRequest(ReplicationRequestCodes.ReplicaFetch, new Dictionary<string, string>(4)
                {
                    [Fields.Epoch] = epochText,
                    [Fields.ReplicaId] = replicaId,
                    [Fields.Offset] = offset.ToString(CultureInfo.InvariantCulture),
                    [Fields.MaxBytes] = maxBytesText,
                });
                Sign(request);
                var response = channel.Invoke(request);
                if (response.Code != ResponseCode.Success)
                {
                    LogRefused(logger, LeaderAddress, Epoch, response.Remark);
                    if (long.TryParse(response.GetExtField(Fields.Begin), NumberStyles.None, CultureInfo.InvariantCulture, out long begin) && begin > offset)
                    {
                        LeaderBegin = begin;
                        break;
                    }
                    ct.WaitHandle.WaitOne(options.HeartbeatMillis);
                    continue;
                }
                lock (applying)
                {
                    ct.ThrowIfCancellationRequested();
                    // The body lies in the channel's buffer until the next fetch: the append copies it first.
                    long end = response.Body.IsEmpty ? offset : Wait(store.AppendReplicatedAsync(response.Body, ct));
                    if (long.TryParse(response.GetExtField(Fields.Confirmed), NumberStyles.None, CultureInfo.InvariantCulture, out long confirmed))
                        store.ConfirmedOffset = Math.Min(confirmed, end);
                }
                failures = 0;
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (ReplicaDivergedException ex)
            {
                Diverged = ex.Message;
                LogDiverged(logger, LeaderAddress, Epoch, ex.Message);
                break;
            }
            catch (Exception ex)
            {
                if (++failures == 1 || failures % 20 == 0)
                    LogFetchFailed(logger, ex, LeaderAddress, Epoch, failures);
                ct.WaitHandle.WaitOne(Math.Min(options.HeartbeatMillis, 100 * failures));
            }
        }
    }

    // On this thread of its own, waiting is blocking: a sync-flush append waits for its fsync here.
    private static long Wait(ValueTask<long> append) => append.IsCompletedSuccessfully ? append.Result : append.AsTask().GetAwaiter().GetResult();

    private void SyncMetadata()
    {
        var request = RemotingCommand.CreateRequest(ReplicationRequestCodes.ReplicaMetadata, new Dictionary<string, string>(2)
        {
            [Fields.Epoch] = epochText,
            [Fields.ReplicaId] = replicaId,
        });
        Sign(request);
        var response = channel.Invoke(request);
        if (response.Code != ResponseCode.Success) return;
        lock (applying)
        {
            stopping.Token.ThrowIfCancellationRequested();
            store.ApplyReplicatedMetadata(System.Text.Encoding.UTF8.GetString(response.Body.Span), response.GetExtField(Fields.DelayOffsets),
                response.GetExtField(Fields.TimerProgress));
        }
    }

    // With ACL on, the leader admits replication requests from admin accounts only (see AclPermission.NeedsAdmin).
    private void Sign(RemotingCommand request)
    {
        if (hmac is null || options.AccessKey is null) return;
        var fields = request.ExtFields ??= new Dictionary<string, string>(StringComparer.Ordinal);
        fields[Protocol.Acl.AclFields.AccessKey] = options.AccessKey;
        fields[Protocol.Acl.AclFields.Signature] = Protocol.Acl.AclSignature.Sign(fields, request.Body.Span, hmac);
    }

    /// <summary>
    /// Stops copying: once this returns nothing more from this leader reaches the store (the coordinator may make the
    /// store a leader's next). The copy thread itself leaves at once, being woken from its socket, unless a connect
    /// to a host that went away holds it; then it is waited for at most <see cref="StopWait"/> and leaves by itself.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        channel.Dispose();
        // An append under way ends, and none starts after this: each checks the token under the same lock.
        lock (applying)
        {
        }
        if (await Task.WhenAny(stopped.Task, Task.Delay(StopWait)).ConfigureAwait(false) == stopped.Task)
            stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica fetch from leader {Leader} (epoch {Epoch}) refused: {Remark}")]
    private static partial void LogRefused(ILogger logger, string leader, long epoch, string? remark);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica fetch from leader {Leader} (epoch {Epoch}) failed ({Failures} in a row)")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, string leader, long epoch, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Records from leader {Leader} (epoch {Epoch}) do not continue this log: {Reason}")]
    private static partial void LogDiverged(ILogger logger, string leader, long epoch, string reason);
}
