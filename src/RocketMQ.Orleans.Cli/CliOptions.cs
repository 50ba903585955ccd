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

    /// <summary>--access-key on every command (ACL 1.0); RMQ_ACCESS_KEY by default, so it need not appear in the shell history.</summary>
    public static readonly Option<string?> AccessKey = new("--access-key")
    {
        Description = "ACL access key: sign every request (default: $RMQ_ACCESS_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RMQ_ACCESS_KEY"),
        Recursive = true,
    };

    /// <summary>--secret-key on every command; RMQ_SECRET_KEY by default.</summary>
    public static readonly Option<string?> SecretKey = new("--secret-key")
    {
        Description = "ACL secret key that goes with --access-key (default: $RMQ_SECRET_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RMQ_SECRET_KEY"),
        Recursive = true,
    };

    public static Client.RocketMQClientOptions ClientOptions(ParseResult parseResult) => WithCredentials(parseResult, new()
    {
        NameServerAddress = parseResult.GetValue(NameServer) ?? DefaultNameServer,
    });

    /// <summary>Sets the ACL credentials given on the command line, if any, on <paramref name="options"/>.</summary>
    public static Client.RocketMQClientOptions WithCredentials(ParseResult parseResult, Client.RocketMQClientOptions options)
    {
        options.AccessKey = parseResult.GetValue(AccessKey);
        options.SecretKey = parseResult.GetValue(SecretKey);
        return options;
    }
}
