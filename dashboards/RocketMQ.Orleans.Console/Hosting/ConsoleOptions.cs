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
    /// Address Kestrel listens on: loopback by default, so only this machine reaches the console. Set 0.0.0.0 (or an
    /// interface address) to open it; with ACL on (RocketMQ:Acl:Enabled) it then asks for an admin accessKey and
    /// secretKey of the ACL file before any page or API, without ACL it has no login, like the broker port.
    /// </summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Name servers the console's admin client asks ("host:port;..."); empty uses this silo's own name server.</summary>
    public string? NameServerAddress { get; set; }

    /// <summary>Timeout of each admin request the console sends to a broker or name server.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Upper bound on messages one lookup by topic and time range returns, whatever the range holds.</summary>
    [Range(1, 2048)]
    public int MaxMessagesPerQuery { get; set; } = 64;
}
