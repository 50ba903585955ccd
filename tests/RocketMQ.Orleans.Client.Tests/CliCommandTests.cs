using RocketMQ.Orleans.Cli;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Client.Tests;

/// <summary>Commands run end to end against the fake broker (their console output is not asserted).</summary>
public sealed class CliCommandTests
{
    [Fact]
    public async Task Topic_create_then_route_and_message_send_succeed()
    {
        await using var broker = await FakeBroker.StartAsync();

        int created = await RmqCommandLine.Build().Parse($"topic create -t CliTopic -w 3 -r 3 -n {broker.Address}").InvokeAsync();
        int route = await RmqCommandLine.Build().Parse($"topic route -t CliTopic -n {broker.Address}").InvokeAsync();
        int sent = await RmqCommandLine.Build().Parse($"message send -t CliTopic -b hello --tags T -k k1 -p a=b -n {broker.Address}").InvokeAsync();
        int clusters = await RmqCommandLine.Build().Parse($"cluster list -n {broker.Address}").InvokeAsync();

        Assert.Equal((0, 0, 0, 0), (created, route, sent, clusters));
        Assert.Equal("3", Assert.Single(broker.RequestsOf(RequestCode.UpdateAndCreateTopic)).ExtFields!["writeQueueNums"]);
        var stored = Assert.Single(broker.Store.All());
        Assert.Equal(("T", "k1", "b"), (stored.Tags, stored.Keys, stored.GetProperty("a")));
    }

    [Fact]
    public async Task A_failing_command_exits_with_its_error_code()
    {
        await using var broker = await FakeBroker.StartAsync();

        // 3: what was asked for does not exist; 2: a value on the command line is invalid (Cli.Output.ExitCodes).
        Assert.Equal(3, await RmqCommandLine.Build().Parse($"topic route -t Missing -n {broker.Address}").InvokeAsync());
        Assert.Equal(2, await RmqCommandLine.Build().Parse($"message send -t T -b x -p novalue -n {broker.Address}").InvokeAsync());
    }
}
