using System.CommandLine;
using RocketMQ.Orleans.Client;
using RocketMQ.Orleans.Protocol.Remoting;
using RocketMQ.Orleans.Remoting;

namespace RocketMQ.Orleans.Cli.Output;

/// <summary>
/// Runs a command body with its <see cref="CliOutput"/>, turning failures into one readable line on stderr and an
/// exit code from <see cref="ExitCodes"/> instead of a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static void SetAction(Command command, Func<ParseResult, CliOutput, CancellationToken, Task> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = CliOutput.For(parseResult);
            try
            {
                await body(parseResult, output, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception exception) when (Classify(exception, parseResult) is { } failure)
            {
                output.WriteError(failure.Message);
                return failure.ExitCode;
            }
        });

    /// <summary>The message and exit code for an exception, or null for a bug (left to crash loudly).</summary>
    internal static (string Message, int ExitCode)? Classify(Exception exception, ParseResult parseResult)
    {
        string nameServer = parseResult.GetValue(CliOptions.NameServer) ?? CliOptions.DefaultNameServer;
        return exception switch
        {
            CliException cli => (cli.Message, cli.ExitCode),
            OperationCanceledException => ("interrupted", ExitCodes.Cancelled),
            RocketMQClientException { InnerException: RemotingConnectionException or RemotingTimeoutException } =>
                ($"cannot reach the name server at {nameServer} ({exception.InnerException!.Message}). "
                 + "Is the silo running? Give its address with -n host:9876.", ExitCodes.Unreachable),
            RemotingConnectionException or RemotingTimeoutException =>
                ($"cannot reach a broker: {exception.Message}", ExitCodes.Unreachable),
            RocketMQClientException { ResponseCode: ResponseCode.TopicNotExist or ResponseCode.SubscriptionGroupNotExist or ResponseCode.QueryNotFound or ResponseCode.ConsumerNotOnline } client =>
                (client.Remark ?? client.Message, ExitCodes.NotFound),
            RocketMQClientException client => (client.Message, ExitCodes.Failed),
            ArgumentException or FormatException => (exception.Message, ExitCodes.Usage),
            IOException or TimeoutException => (exception.Message, ExitCodes.Unreachable),
            _ => null,
        };
    }
}
