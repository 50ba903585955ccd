using System.CommandLine;
using RocketMQ.Orleans.Client;

namespace RocketMQ.Orleans.Cli.Output;

/// <summary>Runs a command body, turning client errors into a message on stderr and exit code 1.</summary>
internal static class CommandRunner
{
    public static void SetAction(Command command, Func<ParseResult, CancellationToken, Task> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                await body(parseResult, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (Exception exception) when (exception is RocketMQClientException or IOException or TimeoutException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"rmq: {exception.Message}").ConfigureAwait(false);
                return 1;
            }
        });
}
