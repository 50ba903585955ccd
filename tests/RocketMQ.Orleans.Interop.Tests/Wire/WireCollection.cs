using RocketMQ.Orleans.Interop.Tests.Infrastructure;

namespace RocketMQ.Orleans.Interop.Tests.Wire;

/// <summary>
/// ali-ons 3.12.0 against a real silo process over TCP. The tests of this collection run one at a time (each starts
/// node processes next to a silo; the CI machine has two cores) and share one silo; each test uses its own topics
/// and groups. The crash test starts its own silo.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WireCollection : ICollectionFixture<SharedSilo>
{
    public const string Name = "ali-ons over TCP";
}

/// <summary>The silo shared by the tests of <see cref="WireCollection"/>.</summary>
public sealed class SharedSilo : IAsyncLifetime
{
    private SiloFixture? _silo;

    public SiloFixture Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    // Delay levels of 1 s (Apache's: 1 s, 5 s, 10 s, 30 s, …) so retries, which wait level 3 + reconsume times, stay quick.
    public async Task InitializeAsync() => _silo = await SiloFixture.StartAsync(
        [new("RocketMQ:Store:MessageDelayLevel", string.Join(' ', Enumerable.Repeat("1s", 18)))]);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
