using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using RocketMQ.Orleans.Broker.Hosting;
using RocketMQ.Orleans.Console.Hosting;
using RocketMQ.Orleans.Console.Tests.Infrastructure;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>The console's silo with ACL on: plain_acl.yml with one admin and one plain account.</summary>
public sealed class AclConsoleSiloFixture : ConsoleSiloFixture
{
    protected override string BrokerName => "console-acl-broker";

    protected override void ConfigureBroker(RocketMQBrokerBuilder broker, string dataPath)
    {
        var aclFile = Path.Combine(dataPath, "plain_acl.yml");
        File.WriteAllText(aclFile, """
            accounts:
              - {accessKey: console-admin, secretKey: console-secret, admin: true}
              - {accessKey: plain-user, secretKey: plain-secret, defaultTopicPerm: PUB|SUB}
            """);
        broker.ConfigureAcl(acl =>
        {
            acl.Enabled = true;
            acl.File = aclFile;
        });
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
    public void The_console_listens_on_loopback_by_default() =>
        Assert.Equal(IPAddress.Loopback.ToString(), new ConsoleOptions().ListenAddress);

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
