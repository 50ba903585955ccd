namespace RocketMQ.Orleans.Cluster.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ThreeSiloClusterCollection : ICollectionFixture<ThreeSiloClusterFixture>
{
    public const string Name = "three-silo cluster";
}
