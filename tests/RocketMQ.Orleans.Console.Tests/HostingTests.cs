using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RocketMQ.Orleans.Console.Hosting;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>How the console's hosted service starts inside a silo: on a free port, or not at all when its port is taken.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task A_taken_port_costs_the_console_not_the_silo()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        using var host = BuildSilo(console => console.Port = port);
        await host.StartAsync();
        try
        {
            Assert.Null(host.Services.GetRequiredService<ConsoleWebHost>().LocalUri);
            Assert.Equal(SiloStatus.Active, host.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot
                .GetSiloStatus(host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Port_zero_serves_the_pages_on_a_free_port_and_disabled_serves_nothing()
    {
        using var served = BuildSilo(console => console.Port = 0);
        using var disabled = BuildSilo(console => console.Enabled = false);
        await served.StartAsync();
        await disabled.StartAsync();
        try
        {
            var uri = served.Services.GetRequiredService<ConsoleWebHost>().LocalUri;
            Assert.NotNull(uri);
            Assert.NotEqual(0, uri.Port);
            using var http = new HttpClient { BaseAddress = uri };
            Assert.Contains("RocketMQ.Orleans console", await http.GetStringAsync("/"));
            Assert.Null(disabled.Services.GetRequiredService<ConsoleWebHost>().LocalUri);
        }
        finally
        {
            await served.StopAsync();
            await disabled.StopAsync();
        }
    }

    /// <summary>A silo with the console only (no broker): the console's hosting does not need one to start.</summary>
    private static IHost BuildSilo(Action<ConsoleOptions> configure)
    {
        var ports = FreePorts.Take(2);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(ports[0], ports[1], serviceId: "console-hosting-" + ports[0], clusterId: "console-hosting-" + ports[0]);
            silo.AddRocketMQConsole(console =>
            {
                console.ListenAddress = "127.0.0.1";
                configure(console);
            });
        });
        return builder.Build();
    }
}
