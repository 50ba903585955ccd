using Status = Apache.Rocketmq.V2.Status;
using Apache.Rocketmq.V2;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RocketMQ.Orleans.Broker.Acl;
using RocketMQ.Orleans.Grpc.Acl;
using RocketMQ.Orleans.Grpc.Hosting;
using RocketMQ.Orleans.Protocol.Bodies;

namespace RocketMQ.Orleans.Grpc.Services;

public sealed partial class MessagingServiceImpl
{
    /// <summary>
    /// The clients block at start until their Settings are answered with a Status and the server's settings, which
    /// are the client's own with the server's parts filled in (as Apache's proxy merges them). A client's stream is
    /// kept while open: the transaction check asks a producer about orphaned transactions of the topics it publishes,
    /// an admin's call asks a consumer for its thread stack or to verify a message (<see cref="GrpcClientCallTarget"/>).
    /// </summary>
    public override async Task Telemetry(IAsyncStreamReader<TelemetryCommand> requestStream, IServerStreamWriter<TelemetryCommand> responseStream,
        ServerCallContext callContext)
    {
        var clientId = callContext.RequestHeaders.GetValue("x-mq-client-id") ?? string.Empty;
        var language = JavaEnumNames.LanguageOf(callContext.RequestHeaders.GetValue("x-mq-language"));
        var headerNamespace = Resources.Namespace(callContext);
        var stream = new TelemetryStream(clientId, headerNamespace, responseStream, callContext.CancellationToken,
            RemoteEndPoint(callContext), callContext.GetHttpContext().Abort);
        try
        {
            await foreach (var command in requestStream.ReadAllAsync(callContext.CancellationToken).ConfigureAwait(false))
            {
                if (command.CommandCase != TelemetryCommand.CommandOneofCase.Settings)
                {
                    // Answers to server commands (thread stacks, verify-message results) need no reply; one that no
                    // call awaits any more (timed out) is dropped.
                    context.Calls.TryComplete(command);
                    continue;
                }

                GrpcLog.Settings(logger, clientId, command.Settings.ClientType.ToString());
                if (callContext.UserState.TryGetValue(GrpcAclInterceptor.AccountKey, out var account)
                    && GrpcAclResources.CheckSettings((AclAccount)account, command.Settings, headerNamespace) is { } forbidden)
                {
                    // As Apache's proxy answers a command its ACL refuses: a status alone, which clients raise at startup.
                    GrpcLog.AclRefused(logger, callContext.Method, clientId, forbidden);
                    await stream.WriteAsync(new TelemetryCommand { Status = Statuses.Of(Code.Forbidden, forbidden) }).ConfigureAwait(false);
                    continue;
                }

                await context.Clients.RegisterAsync(stream, command.Settings, language).ConfigureAwait(false);

                var reply = new TelemetryCommand { Status = Statuses.Ok, Settings = ServerSettings(command.Settings, context.Options) };
                await ReportFifoAsync(reply.Settings, callContext).ConfigureAwait(false);
                await stream.WriteAsync(reply).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (callContext.CancellationToken.IsCancellationRequested)
        {
            // The client closed its stream.
        }
        catch (IOException)
        {
            // The client went away without closing its stream (a process exit resets the connection): nothing to answer.
        }
        finally
        {
            context.Clients.Unregister(stream);
        }
    }

    internal static Settings ServerSettings(Settings client, GrpcOptions options)
    {
        var settings = client.Clone();
        settings.Metric = new Metric { On = false };
        if (settings.PubSubCase == Settings.PubSubOneofCase.Publishing)
        {
            // Apache's C# client throws unless publishing backoff is exponential; a zero max body size stalls sends.
            settings.BackoffPolicy = new RetryPolicy
            {
                MaxAttempts = client.BackoffPolicy?.MaxAttempts is > 0 and var attempts ? attempts : 3,
                ExponentialBackoff = new ExponentialBackoff
                {
                    Initial = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(10)),
                    Max = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
                    Multiplier = 2,
                },
            };
            settings.Publishing.MaxBodySize = options.MaxBodySize;
            // Routes name each topic's accepted types (every type for a topic without message.type).
            settings.Publishing.ValidateMessageType = options.EnableTopicMessageTypeCheck;
        }
        else if (settings.PubSubCase == Settings.PubSubOneofCase.Subscription)
        {
            settings.BackoffPolicy = new RetryPolicy
            {
                MaxAttempts = 17,
                ExponentialBackoff = new ExponentialBackoff
                {
                    Initial = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
                    Max = Duration.FromTimeSpan(TimeSpan.FromSeconds(60)),
                    Multiplier = 2,
                },
            };
            settings.Subscription.Fifo = false;
            settings.Subscription.ReceiveBatchSize = options.ReceiveBatchSize;
            settings.Subscription.LongPollingTimeout = Duration.FromTimeSpan(options.MaxLongPollingTimeout);
        }

        return settings;
    }
}
