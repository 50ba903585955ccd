namespace RocketMQ.Orleans.Console.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleSiloFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "console";
}
