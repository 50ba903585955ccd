using System.ComponentModel.DataAnnotations;

namespace RocketMQ.Orleans.Console.Hosting;

/// <summary>The web console's settings, bound from the "RocketMQ:Console" configuration section.</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "RocketMQ:Console";

    /// <summary>False keeps Kestrel from starting at all (the silo then serves no HTTP port).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>HTTP port of the console (and of /metrics); 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>
    /// Address Kestrel listens on. The console has no authentication, like the broker port it administers; bind it to
    /// 127.0.0.1 where the broker port is not exposed either.
    /// </summary>
    [Required]
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>Name servers the console's admin client asks ("host:port;..."); empty uses this silo's own name server.</summary>
    public string? NameServerAddress { get; set; }

    /// <summary>Timeout of each admin request the console sends to a broker or name server.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Upper bound on messages one lookup by topic and time range returns, whatever the range holds.</summary>
    [Range(1, 2048)]
    public int MaxMessagesPerQuery { get; set; } = 64;
}
