using System.ComponentModel.DataAnnotations;

namespace RocketMQ.Orleans.Silo;

/// <summary>How this silo joins its Orleans cluster. Bound from the "Silo" configuration section.</summary>
public sealed class SiloHostOptions
{
    public const string SectionName = "Silo";

    /// <summary>Orleans cluster id; silos with the same id form one cluster.</summary>
    [Required]
    public string ClusterId { get; set; } = "rocketmq";

    /// <summary>Orleans service id; grain state is keyed by it, so keep it stable across deployments.</summary>
    [Required]
    public string ServiceId { get; set; } = "rocketmq";

    /// <summary>Silo-to-silo port.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (not RocketMQ clients).</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;
}
