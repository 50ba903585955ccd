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

    /// <summary>
    /// Set when the leader's retention has deleted the records this log would continue with: the leader's begin,
    /// where the coordinator makes this replica begin an empty log.
    /// </summary>
    public long? LeaderBegin { get; private set; }

    private async Task RunAsync()
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
                    await SyncMetadataAsync(ct).ConfigureAwait(false);
                    metadataDue = System.Diagnostics.Stopwatch.GetTimestamp() + options.MetadataSyncMillis * System.Diagnostics.Stopwatch.Frequency / 1000;
                }
                long offset = store.LogEndOffset;
                var request = RemotingCommand.CreateRequest(ReplicationRequestCodes.ReplicaFetch, new Dictionary<string, string>(4)
                {
                    [Fields.Epoch] = Epoch.ToString(CultureInfo.InvariantCulture),
                    [Fields.ReplicaId] = replicaId,
                    [Fields.Offset] = offset.ToString(CultureInfo.InvariantCulture),
                    [Fields.MaxBytes] = options.MaxTransferBytes.ToString(CultureInfo.InvariantCulture),
                });
                Sign(request);
                // Continues on the client's own event loop: the append is a copy, and the next fetch leaves from there.
                var response = await client.InvokeAsync(LeaderAddress, request, FetchTimeout, continueOnNetworkThread: true, ct).ConfigureAwait(false);
                if (response.Code != ResponseCode.Success)
                {
                    LogRefused(logger, LeaderAddress, Epoch, response.Remark);
                    if (long.TryParse(response.GetExtField(Fields.Begin), NumberStyles.None, CultureInfo.InvariantCulture, out long begin) && begin > offset)
                    {
                        LeaderBegin = begin;
                        break;
                    }
                    await Task.Delay(options.HeartbeatMillis, ct).ConfigureAwait(false);
                    continue;
                }
                long end = response.Body.IsEmpty ? offset : await store.AppendReplicatedAsync(response.Body, ct).ConfigureAwait(false);
                if (long.TryParse(response.GetExtField(Fields.Confirmed), NumberStyles.None, CultureInfo.InvariantCulture, out long confirmed))
                    store.ConfirmedOffset = Math.Min(confirmed, end);
                failures = 0;
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
