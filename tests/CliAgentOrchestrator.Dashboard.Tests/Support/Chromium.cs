using Microsoft.Playwright;

namespace CliAgentOrchestrator.Dashboard.Tests.Support;

/// <summary>
/// One headless Debian chromium for the whole run (browser state lives in each test's own context).
/// A machine without it fails every test with one line saying what to install, never a silent skip.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where Debian's <c>chromium</c> package puts it; <c>CAO_TEST_CHROMIUM</c> points elsewhere.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CAO_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _missing;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(_missing ?? "chromium did not start");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            _missing = $"error: chromium not found at {ExecutablePath}: run `apt-get install -y chromium chromium-driver` (.ci/run does) or set CAO_TEST_CHROMIUM";
            return;
        }
        Assertions.SetDefaultExpectTimeout(30_000); // a loaded CI machine; passing checks return at once
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Containers and CI runners as root have no user namespaces for chromium's sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh context and page; its console errors and failed requests are collected for the test to assert on.</summary>
    public async Task<DashboardPage> OpenAsync(DashboardServer server, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var result = new DashboardPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                result.ConsoleErrors.Add($"{message.Text} ({message.Location})");
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                result.ConsoleErrors.Add($"{response.Status} {response.Request.Method} {response.Url}");
        };
        page.PageError += (_, error) => result.ConsoleErrors.Add(error);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return result;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
