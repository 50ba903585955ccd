using Microsoft.Playwright;
using RocketMQ.Orleans.Console.Tests.Infrastructure;

namespace RocketMQ.Orleans.Console.Tests;

/// <summary>Every page of the console renders against a live silo without a console error, and is screenshotted.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PagesTests(ConsoleSiloFixture silo, BrowserFixture browser)
{
    [Theory]
    [InlineData("cluster", "[data-testid=brokers]")]
    [InlineData("topics", "[data-testid=topic-list]")]
    [InlineData("groups", "[data-testid=group-list]")]
    [InlineData("messages", "#message-search")]
    [InlineData("transactions", "[data-testid=transaction-brokers]")]
    [InlineData("delays", "[data-testid=delay-levels]")]
    public async Task Page_renders_without_errors(string route, string content)
    {
        await using var page = await ConsolePage.OpenAsync(browser, silo);

        await page.GoToAsync(route);

        await Assertions.Expect(page.Page.Locator(content)).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.Locator($"#nav a[data-page={route}]")).ToHaveClassAsync("active");
        page.AssertNoErrors($"#/{route}");
        await page.ScreenshotAsync(route);
    }

    [Fact]
    public async Task Cluster_page_shows_this_silo_and_its_live_broker_group()
    {
        await using var page = await ConsolePage.OpenAsync(browser, silo);

        await page.GoToAsync("cluster");

        var brokers = page.Page.Locator("[data-testid=brokers]");
        await Assertions.Expect(brokers).ToContainTextAsync("console-broker");
        await Assertions.Expect(brokers).ToContainTextAsync("live");
        await Assertions.Expect(page.Page.Locator("[data-testid=silos]")).ToContainTextAsync("Active");
        page.AssertNoErrors("#/cluster");
    }
}
