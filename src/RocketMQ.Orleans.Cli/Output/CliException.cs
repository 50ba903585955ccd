namespace RocketMQ.Orleans.Cli.Output;

/// <summary>An error the CLI itself reports, with the exit code it means.</summary>
internal sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException NotFound(string message) => new(message, ExitCodes.NotFound);
}
