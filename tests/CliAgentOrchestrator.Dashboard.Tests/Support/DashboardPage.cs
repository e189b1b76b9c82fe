using Microsoft.Playwright;

namespace CliAgentOrchestrator.Dashboard.Tests.Support;

/// <summary>A browser page on the dashboard, with what went wrong in it and screenshots saved as test artifacts.</summary>
public sealed class DashboardPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    /// <summary>Screenshots land here: TestResults/screenshots beside the test assembly.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    public IPage Page { get; } = page;

    public List<string> ConsoleErrors { get; } = [];

    public async Task GotoAsync(string hash = "")
    {
        await Page.GotoAsync("/" + hash);
        await Assertions.Expect(Page.Locator("#stream-state")).ToHaveAttributeAsync("data-state", "live");
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
