namespace RocketMQ.Orleans.Interop.Tests.ScaleOut;

/// <summary>
/// Tests that start a Redis server and several silo processes. Not run in parallel with anything else: two silos and
/// their ali-ons clients already fill the two cores of the CI machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection
{
    public const string Name = "scale-out over Redis";
}
