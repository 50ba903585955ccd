namespace RocketMQ.Orleans.Interop.Tests.Infrastructure;

/// <summary>
/// The configuration keys the wire harness passes to the silo executable as <c>--Key=value</c> flags.
/// One place, so a rename in the silo's options is a one-line change here.
/// </summary>
public static class SiloSettings
{
    /// <summary>Store directory (commit log, consume queues, offsets); kept across a kill -9 and restart.</summary>
    public const string DataPath = "RocketMQ:Store:DataPath";

    /// <summary>The name-server port clients are given as <c>nameSrv</c>.</summary>
    public const string NameServerPort = "RocketMQ:Remoting:NameServerPort";

    /// <summary>The broker port (Apache listenPort) registered in routes.</summary>
    public const string ListenPort = "RocketMQ:Remoting:ListenPort";

    /// <summary>Off in tests: the VIP port (listen port − 2) would be one more port that must happen to be free.</summary>
    public const string EnableVipChannel = "RocketMQ:Remoting:EnableVipChannel";

    /// <summary>
    /// Address registered for the broker. Pinned to loopback so routes do not depend on the machine's interfaces.
    /// If the silo binds its identity elsewhere the flag is ignored and the first non-loopback IPv4 is used, which
    /// works as well on a single machine.
    /// </summary>
    public const string BrokerIP = "RocketMQ:Broker:BrokerIP1";

    /// <summary>Orleans silo-to-silo port. The harness reuses it on restart, so the derived broker name stays the same.</summary>
    public const string SiloPort = "Silo:SiloPort";

    /// <summary>In-flight POP messages whose checkpoints stay in memory; 0 puts every (non-FIFO) checkpoint in the revive log on disk.</summary>
    public const string PopMaxCheckpointsInMemory = "RocketMQ:Pop:MaxCheckpointsInMemory";

    /// <summary>Orleans gateway port.</summary>
    public const string GatewayPort = "Silo:GatewayPort";

    /// <summary>Async flush is the default; the crash test asserts on it, so it is passed explicitly.</summary>
    public const string FlushDiskType = "RocketMQ:Store:FlushDiskType";

    /// <summary>Broker group name registered in routes; by default derived from the silo endpoint.</summary>
    public const string BrokerName = "RocketMQ:Broker:BrokerName";

    /// <summary>The web console's port; tests pass 0 so that several silos on one machine never contend for 8080.</summary>
    public const string ConsolePort = "RocketMQ:Console:Port";

    /// <summary>The RocketMQ 5 gRPC endpoint's port; 0 unless a test speaks gRPC, so silos never contend for 8081.</summary>
    public const string GrpcPort = "RocketMQ:Grpc:Port";

    /// <summary>False: a consumer group exists only once created (Apache's autoCreateSubscriptionGroup).</summary>
    public const string AutoCreateSubscriptionGroup = "RocketMQ:Broker:AutoCreateSubscriptionGroup";

    /// <summary>Orleans membership: Localhost (the default), Redis or AdoNet.</summary>
    public const string Clustering = "Silo:Clustering";

    /// <summary>Connection string of the Redis / ADO.NET clustering (and of the grain storage unless set apart).</summary>
    public const string ClusteringConnectionString = "Silo:ConnectionString";

    /// <summary>Control-plane grain state: File (per silo data directory), Redis or AdoNet.</summary>
    public const string GrainStorage = "Silo:GrainStorage";

    /// <summary>Orleans cluster id; silos sharing it (and the membership store) form one cluster.</summary>
    public const string ClusterId = "Silo:ClusterId";

    /// <summary>Orleans service id; grain state is keyed by it.</summary>
    public const string ServiceId = "Silo:ServiceId";

    /// <summary>The address other silos reach this one at under Redis / ADO.NET clustering.</summary>
    public const string AdvertisedIPAddress = "Silo:AdvertisedIPAddress";

    /// <summary>The address the silo and gateway ports bind under Redis / ADO.NET clustering (every address when unset).</summary>
    public const string ListenAddress = "Silo:ListenAddress";
}
