using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using RocketMQ.Orleans.Console.Hosting;
using RocketMQ.Orleans.Console.Tests.Infrastructure;
using RocketMQ.Orleans.Testing.Silo;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>A silo with ACL on (plain_acl.yml with one admin and one plain account) and the console on loopback.</summary>
public sealed class AclConsoleSiloFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("rmq-console-acl-");
    private IHost? _host;

    public Uri ConsoleUri { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data.Path);
        var aclFile = Path.Combine(_data.Path, "plain_acl.yml");
        await File.WriteAllTextAsync(aclFile, """
            accounts:
              - {accessKey: console-admin, secretKey: console-secret, admin: true}
              - {accessKey: plain-user, secretKey: plain-secret, defaultTopicPerm: PUB|SUB}
            """);
        var ports = FreePorts.Take(5);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(ports[0], ports[1], serviceId: "console-acl", clusterId: "console-acl");
            silo.AddLoopbackRocketMQBroker("console-acl-broker", new BrokerPorts(ports[2], ports[3]), Path.Combine(_data.Path, "store"), broker =>
                broker.ConfigureAcl(acl =>
                {
                    acl.Enabled = true;
                    acl.File = aclFile;
                }));
            silo.AddRocketMQConsole(console => console.Port = ports[4]);
        });

        _host = builder.Build();
        await _host.StartAsync();
        ConsoleUri = _host.Services.GetRequiredService<ConsoleWebHost>().LocalUri
            ?? throw new InvalidOperationException("The web console did not start.");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _data.Dispose();
    }
}

/// <summary>
/// With ACL on, the console serves nothing but its sign-in page until an admin account of the ACL file signs in; it
/// listens on loopback unless told otherwise.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LoginTests(BrowserFixture browser, AclConsoleSiloFixture silo) : IClassFixture<AclConsoleSiloFixture>
{
    [Fact]
    public void The_console_listens_on_loopback_by_default()
    {
        Assert.Equal("127.0.0.1", new ConsoleOptions().ListenAddress);
        Assert.Equal(IPAddress.Loopback.ToString(), silo.ConsoleUri.Host);
    }

    [Fact]
    public async Task Pages_and_APIs_need_a_session()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = silo.ConsoleUri };

        var api = await http.GetAsync("api/cluster");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login.html", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("login.html")).StatusCode);

        var notAdmin = await http.PostAsJsonAsync("api/login", new { accessKey = "plain-user", secretKey = "plain-secret" });
        Assert.Equal(HttpStatusCode.Unauthorized, notAdmin.StatusCode);
        var wrongSecret = await http.PostAsJsonAsync("api/login", new { accessKey = "console-admin", secretKey = "not-the-secret" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
    }

    [Fact]
    public async Task An_admin_signs_in_in_the_browser_and_sees_the_cluster()
    {
        await using var context = await browser.Browser.NewContextAsync();
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(silo.ConsoleUri, "#/cluster").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\.html(#.*)?$"));

        await page.FillAsync("#accessKey", "console-admin");
        await page.FillAsync("#secretKey", "wrong-secret");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("not an admin account");

        await page.FillAsync("#secretKey", "console-secret");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#nav")).ToBeVisibleAsync();

        // The console's own admin requests are signed, so the broker under ACL answers them.
        await page.GotoAsync(new Uri(silo.ConsoleUri, "#/cluster").ToString());
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("updated");
        await Assertions.Expect(page.Locator("[data-testid=brokers]")).ToContainTextAsync("console-acl-broker");
        await Assertions.Expect(page.Locator("[data-testid=brokers]")).ToContainTextAsync("live");
    }
}
