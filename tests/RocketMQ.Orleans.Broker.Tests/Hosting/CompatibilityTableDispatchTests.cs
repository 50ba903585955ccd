using System.Text.RegularExpressions;
using RocketMQ.Orleans.Remoting.Dispatching;

namespace RocketMQ.Orleans.Broker.Tests.Hosting;

/// <summary>
/// docs/compatibility.md against the live silo's dispatch tables: every code the table calls served on a port has a
/// processor there, and every code with a processor there has a row for that port (served, answered as Apache with
/// the feature off, or refused with a reason), so the table cannot drift from the registrations.
/// </summary>
[Collection(BrokerSiloCollection.Name)]
public sealed partial class CompatibilityTableDispatchTests(BrokerSiloFixture fixture)
{
    // Codes of our own, outside Apache's table: the replication channel between replicas of one group.
    private static readonly int[] OwnCodes = [Replication.ReplicationRequestCodes.ReplicaFetch, Replication.ReplicationRequestCodes.ReplicaMetadata];

    [GeneratedRegex(@"^\|\s*(\d+)\s*\|\s*([A-Z0-9_]+)\s*\|\s*([BN]|client)\s*\|\s*([^|]+?)\s*\|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [Theory]
    [InlineData("B")]
    [InlineData("N")]
    public void Served_rows_and_registered_processors_are_the_same_codes(string port)
    {
        var dispatcher = port == "B" ? fixture.Host.BrokerDispatcher! : fixture.Host.NameServerDispatcher!;
        var rows = Row().Matches(Table()).Where(m => m.Groups[3].Value == port).ToList();
        var served = rows.Where(m => m.Groups[4].Value == "served").Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        var listed = rows.Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        var registered = dispatcher.RegisteredCodes.Except(OwnCodes).ToHashSet();

        Assert.Empty(served.Except(registered).Order());
        Assert.Empty(registered.Except(listed).Order());
    }

    private static string Table()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "compatibility.md");
            if (File.Exists(candidate)) return File.ReadAllText(candidate);
        }

        throw new FileNotFoundException("docs/compatibility.md not found above " + AppContext.BaseDirectory);
    }
}
