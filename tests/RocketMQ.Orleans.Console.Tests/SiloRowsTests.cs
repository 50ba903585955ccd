using System.Net;
using RocketMQ.Orleans.Console.Backend;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>The cluster page's silos table: current silos listed, dead incarnations of restarted silos folded per endpoint.</summary>
public sealed class SiloRowsTests
{
    private static readonly IPEndPoint First = new(IPAddress.Loopback, 11111);
    private static readonly IPEndPoint Second = new(IPAddress.Loopback, 11112);

    [Fact]
    public void A_silo_restarted_three_times_shows_one_current_row_and_one_folded_line_of_three_incarnations()
    {
        var table = SiloRows.Fold(
        [
            Row(First, 100, SiloStatus.Dead),
            Row(First, 300, SiloStatus.Dead),
            Row(First, 200, SiloStatus.Dead),
            Row(First, 400, SiloStatus.Active, isLocal: true),
            Row(Second, 150, SiloStatus.Active),
        ]);

        Assert.Equal([SiloAddress.New(First, 400).ToString(), SiloAddress.New(Second, 150).ToString()], table.Current.Select(silo => silo.Address));
        Assert.True(table.Current[0].IsLocal);
        var past = Assert.Single(table.Past);
        Assert.Equal(First.ToString(), past.Endpoint);
        Assert.Equal(3, past.Incarnations);
        Assert.Equal(SiloAddress.New(First, 300).ToString(), past.LatestAddress);
    }

    [Fact]
    public void Silos_joining_or_shutting_down_stay_current_and_nothing_is_folded_without_dead_rows()
    {
        var table = SiloRows.Fold([Row(First, 1, SiloStatus.Joining), Row(Second, 2, SiloStatus.ShuttingDown)]);

        Assert.Equal(["Joining", "ShuttingDown"], table.Current.Select(silo => silo.Status));
        Assert.Empty(table.Past);
    }

    private static SiloRow Row(IPEndPoint endpoint, int generation, SiloStatus status, bool isLocal = false) =>
        new(SiloAddress.New(endpoint, generation), "silo-" + endpoint.Port, status, isLocal);
}
