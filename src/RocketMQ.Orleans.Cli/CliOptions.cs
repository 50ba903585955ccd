using System.CommandLine;

namespace RocketMQ.Orleans.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CliOptions
{
    public const string DefaultNameServer = "127.0.0.1:9876";

    /// <summary>-n/--namesrv, accepted on every command.</summary>
    public static readonly Option<string> NameServer = new("--namesrv", "-n")
    {
        Description = "Name server address(es), host:port separated by ';'",
        DefaultValueFactory = _ => DefaultNameServer,
        Recursive = true,
    };

    /// <summary>--json on every query command: machine-readable output on stdout, nothing else there.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the result as JSON (for scripts) instead of a table",
    };

    public static Option<string> Topic(bool required = true) => new("--topic", "-t")
    {
        Description = "Topic name",
        Required = required,
    };

    public static Option<string> Group(bool required = true) => new("--group", "-g")
    {
        Description = "Consumer group name",
        Required = required,
    };

    public static Option<string?> Cluster() => new("--cluster", "-c")
    {
        Description = "Cluster name; every cluster when omitted",
    };

    public static Client.RocketMQClientOptions ClientOptions(ParseResult parseResult) => new()
    {
        NameServerAddress = parseResult.GetValue(NameServer) ?? DefaultNameServer,
    };
}
