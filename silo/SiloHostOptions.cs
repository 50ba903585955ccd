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

    /// <summary>Membership: Localhost (single machine, no external service), Redis or AdoNet.</summary>
    public SiloClustering Clustering { get; set; } = SiloClustering.Localhost;

    /// <summary>Connection string of the Redis or ADO.NET clustering (and, unless set apart, of the grain storage).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Control-plane grain state: File (under the store's data path), Redis or AdoNet.</summary>
    public SiloGrainStorage GrainStorage { get; set; } = SiloGrainStorage.File;

    /// <summary>Connection string of the grain storage; <see cref="ConnectionString"/> when empty.</summary>
    public string? GrainStorageConnectionString { get; set; }

    /// <summary>ADO.NET provider invariant name for AdoNet clustering and storage (PostgreSQL's Npgsql by default).</summary>
    public string AdoNetInvariant { get; set; } = "Npgsql";

    /// <summary>IP other silos reach this one at with Redis/AdoNet clustering; empty picks this machine's address.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// Address the silo and gateway ports bind with Redis/AdoNet clustering; empty binds every address (Orleans'
    /// default). Set it to the advertised address (or 127.0.0.1 for silos sharing one machine) to keep them off
    /// other interfaces. Localhost clustering always binds loopback.
    /// </summary>
    public string? ListenAddress { get; set; }
}

/// <summary>Where Orleans keeps its membership table.</summary>
public enum SiloClustering
{
    Localhost,
    Redis,
    AdoNet,
}

/// <summary>Where the control-plane grains keep their state.</summary>
public enum SiloGrainStorage
{
    File,
    Redis,
    AdoNet,
}
