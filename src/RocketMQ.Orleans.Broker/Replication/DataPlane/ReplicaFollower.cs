using System.Globalization;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting.Transport;
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
    private readonly MessageStore store;
    private readonly RemotingClient client;
    private readonly ReplicationOptions options;
    private readonly string replicaId;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly Protocol.Acl.AclHmac? hmac;

    public ReplicaFollower(MessageStore store, RemotingClient client, ReplicationOptions options, string replicaId,
        string leaderAddress, long epoch, ILogger logger)
    {
        this.store = store;
        this.client = client;
        this.options = options;
        this.replicaId = replicaId;
        this.logger = logger;
        hmac = options.SecretKey is { Length: > 0 } secret ? new Protocol.Acl.AclHmac(secret) : null;
        LeaderAddress = leaderAddress;
        Epoch = epoch;
        loop = Task.Run(RunAsync);
    }

    public string LeaderAddress { get; }

    public long Epoch { get; }

    /// <summary>Set when the leader's records did not continue this log: the coordinator truncates or resyncs.</summary>
    public string? Diverged { get; private set; }

    private async Task RunAsync()
    {
        var ct = stopping.Token;
        int failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RunSessionAsync(ct).ConfigureAwait(false);
                failures = 0;
                await Task.Delay(options.HeartbeatMillis, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
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
                await Task.Delay(Math.Min(options.HeartbeatMillis, 100 * failures), ct).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    // One session: a plain fetch from this log's end, then pipelined fetches, two in flight, so that one always waits
    // at the leader for the next put while the other's answer is appended here: a put then travels as soon as it is
    // written instead of after a whole round trip. Answers are appended in log order (each says where it starts);
    // each fetch's offset acknowledges what was appended before it left. Returns when the leader refuses a fetch.
    private async Task RunSessionAsync(CancellationToken ct)
    {
        long metadataDue = 0;
        // Unique across this replica's restarts too: the leader may still hold a fetch of a session before the restart.
        string session = Random.Shared.NextInt64().ToString("x", CultureInfo.InvariantCulture);
        var inFlight = new List<Task<RemotingCommand>>(PipelineDepth);
        RemotingCommand? early = null;
        try
        {
            var first = await FetchAsync(session, pipelined: false, ct).ConfigureAwait(false);
            if (!await ApplyAsync(first, ct).ConfigureAwait(false)) return;
            while (!ct.IsCancellationRequested)
            {
                if (System.Diagnostics.Stopwatch.GetTimestamp() >= metadataDue)
                {
                    await SyncMetadataAsync(ct).ConfigureAwait(false);
                    metadataDue = System.Diagnostics.Stopwatch.GetTimestamp() + options.MetadataSyncMillis * System.Diagnostics.Stopwatch.Frequency / 1000;
                }
                while (inFlight.Count < PipelineDepth)
                    inFlight.Add(FetchAsync(session, pipelined: true, ct));
                var done = inFlight.Count == 1 || inFlight[0].IsCompleted ? inFlight[0] : await Task.WhenAny(inFlight).ConfigureAwait(false);
                inFlight.Remove(done);
                var response = await done.ConfigureAwait(false);
                if (response.Code != ResponseCode.Success)
                {
                    LogRefused(logger, LeaderAddress, Epoch, response.Remark);
                    return;
                }
                if (StartOf(response) != store.LogEndOffset)
                {
                    // The other fetch read the records before these: append them first. A second answer that does not
                    // continue this log either means the positions went apart: start a new session from the log end.
                    if (early is not null) return;
                    early = response;
                    continue;
                }
                if (!await ApplyAsync(response, ct).ConfigureAwait(false)) return;
                if (early is not null && StartOf(early) == store.LogEndOffset)
                {
                    var next = early;
                    early = null;
                    if (!await ApplyAsync(next, ct).ConfigureAwait(false)) return;
                }
            }
        }
        finally
        {
            // The leader answers every held fetch within its hold time: wait, so no answer of this session lands in the next.
            foreach (var pending in inFlight)
            {
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception) when (pending.IsFaulted || pending.IsCanceled)
                {
                }
            }
        }
    }

    private const int PipelineDepth = 2;

    private Task<RemotingCommand> FetchAsync(string session, bool pipelined, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>(6)
        {
            [Fields.Session] = session,
            [Fields.Epoch] = Epoch.ToString(CultureInfo.InvariantCulture),
            [Fields.ReplicaId] = replicaId,
            [Fields.Offset] = store.LogEndOffset.ToString(CultureInfo.InvariantCulture),
            [Fields.MaxBytes] = options.MaxTransferBytes.ToString(CultureInfo.InvariantCulture),
        };
        if (pipelined) fields[Fields.Continue] = "1";
        var request = RemotingCommand.CreateRequest(ReplicationRequestCodes.ReplicaFetch, fields);
        Sign(request);
        // Continues on the client's own event loop: the append is a copy, and the next fetch leaves from there.
        return client.InvokeAsync(LeaderAddress, request, FetchTimeout, continueOnNetworkThread: true, ct);
    }

    private static long StartOf(RemotingCommand response) =>
        long.TryParse(response.GetExtField(Fields.From), NumberStyles.None, CultureInfo.InvariantCulture, out long from) ? from : -1;

    // Appends an answer that continues this log and takes the leader's confirmed offset; false when it was a refusal.
    private async ValueTask<bool> ApplyAsync(RemotingCommand response, CancellationToken ct)
    {
        if (response.Code != ResponseCode.Success)
        {
            LogRefused(logger, LeaderAddress, Epoch, response.Remark);
            return false;
        }
        long end = response.Body.IsEmpty ? store.LogEndOffset : await store.AppendReplicatedAsync(response.Body, ct).ConfigureAwait(false);
        if (long.TryParse(response.GetExtField(Fields.Confirmed), NumberStyles.None, CultureInfo.InvariantCulture, out long confirmed))
            store.ConfirmedOffset = Math.Min(confirmed, end);
        return true;
    }

    private async Task SyncMetadataAsync(CancellationToken ct)
    {
        var request = RemotingCommand.CreateRequest(ReplicationRequestCodes.ReplicaMetadata, new Dictionary<string, string>(2)
        {
            [Fields.Epoch] = Epoch.ToString(CultureInfo.InvariantCulture),
            [Fields.ReplicaId] = replicaId,
        });
        Sign(request);
        var response = await client.InvokeAsync(LeaderAddress, request, FetchTimeout, ct).ConfigureAwait(false);
        if (response.Code == ResponseCode.Success)
            store.ApplyReplicatedMetadata(System.Text.Encoding.UTF8.GetString(response.Body.Span), response.GetExtField(Fields.DelayOffsets),
                response.GetExtField(Fields.TimerProgress));
    }

    // With ACL on, the leader admits replication requests from admin accounts only (see AclPermission.NeedsAdmin).
    private void Sign(RemotingCommand request)
    {
        if (hmac is null || options.AccessKey is null) return;
        var fields = request.ExtFields ??= new Dictionary<string, string>(StringComparer.Ordinal);
        fields[Protocol.Acl.AclFields.AccessKey] = options.AccessKey;
        fields[Protocol.Acl.AclFields.Signature] = Protocol.Acl.AclSignature.Sign(fields, request.Body.Span, hmac);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        stopping.Dispose();
        hmac?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica fetch from leader {Leader} (epoch {Epoch}) refused: {Remark}")]
    private static partial void LogRefused(ILogger logger, string leader, long epoch, string? remark);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica fetch from leader {Leader} (epoch {Epoch}) failed ({Failures} in a row)")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, string leader, long epoch, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Records from leader {Leader} (epoch {Epoch}) do not continue this log: {Reason}")]
    private static partial void LogDiverged(ILogger logger, string leader, long epoch, string reason);
}
