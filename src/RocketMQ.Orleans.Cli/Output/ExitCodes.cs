namespace RocketMQ.Orleans.Cli.Output;

/// <summary>Process exit codes of <c>rmq</c>, so scripts can tell a missing topic from a dead name server.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A broker or name server refused the request (the remark is printed).</summary>
    public const int Failed = 1;

    /// <summary>The command line or a value in it is invalid.</summary>
    public const int Usage = 2;

    /// <summary>What was asked for does not exist: topic, message, online consumer group.</summary>
    public const int NotFound = 3;

    /// <summary>No name server or broker could be reached (refused, unresolvable or timed out).</summary>
    public const int Unreachable = 4;

    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
