using CliAgentOrchestrator.Core.Configuration;
using Serilog;
using Serilog.Events;

namespace CliAgentOrchestrator.Server;

/// <summary>
/// Where the server logs: the console (one line per entry) and rolling files under
/// <c>$CAO_HOME_DIR/logs/</c>, both at <c>CAO_LOG_LEVEL</c>. See docs/operations.md, "Logs".
/// </summary>
public static class ServerLogging
{
    /// <summary>A log file rolls over at midnight or at this size, whichever comes first.</summary>
    public const long FileSizeLimitBytes = 10 * 1024 * 1024;

    /// <summary>File names: <c>cao-20260101.log</c>, then <c>cao-20260101_001.log</c> after a size roll.</summary>
    public const string FilePattern = "cao-.log";

    // Message first, then exception type, message and stack on the lines below it.
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    // Categories whose Information lines describe each HTTP request: ASP.NET Core's hosting and
    // routing lines carry the full URL, and CAO's API takes message text in query strings, so at
    // Information they would copy every message into the log (and cost ~1 KB per request).
    // HttpClient's lines carry request URLs such as plugins' webhook URLs, which are secrets.
    private static readonly string[] RequestCategories = ["Microsoft.AspNetCore", "System.Net.Http.HttpClient"];

    public static void Configure(ILoggingBuilder logging, CaoHome home, ServerOptions options)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(options.LogLevel);
        // At Debug or below the operator asked for detail, request lines included; above, they are noise.
        var requestLevel = options.LogLevel < LogLevel.Information ? options.LogLevel : Max(LogLevel.Warning, options.LogLevel);
        foreach (var category in RequestCategories)
            logging.AddFilter(category, requestLevel);
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });

        // The Serilog provider registers its own "everything" filter, which beats the category
        // filters above, so the file logger applies the same levels itself.
        var file = new LoggerConfiguration().MinimumLevel.Is(ToSerilog(options.LogLevel));
        foreach (var category in RequestCategories)
            file.MinimumLevel.Override(category, ToSerilog(requestLevel));
        var fileLogger = file
            .WriteTo.File(
                Path.Combine(home.LogDirectory, FilePattern),
                outputTemplate: FileTemplate,
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: FileSizeLimitBytes,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: options.LogRetainedFiles,
                shared: false)
            .CreateLogger();
        logging.AddSerilog(fileLogger, dispose: true);
    }

    private static LogLevel Max(LogLevel a, LogLevel b) => a > b ? a : b;

    private static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        // Critical and None: Serilog's Fatal is the highest level it has.
        _ => LogEventLevel.Fatal,
    };
}
