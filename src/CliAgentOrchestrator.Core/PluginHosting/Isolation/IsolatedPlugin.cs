using System.Text.Json;
using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;
using CliAgentOrchestrator.Plugins;
using StreamJsonRpc;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>
/// The server's side of one isolated plugin: starts its child (<c>cao plugin-host</c>), calls its
/// hooks and pre-hooks over the wire, and supervises it (heartbeats, restarts with backoff, the
/// memory cap, giving up after too many crashes). The plugin's queue, order, timeouts and failure
/// policies stay the host's: to the host the child's hooks are hooks like any other.
/// </summary>
internal sealed partial class IsolatedPlugin
{
    private readonly string _name;
    private readonly PluginFolder _folder;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly PluginHostOptions _options;
    private readonly ILogger _logger;
    private readonly ServerTarget _serverTarget;
    private readonly RunnerCommand _command;
    private ISupervision? _supervision;
    private volatile ChildProcess? _child;

    public IsolatedPlugin(string name, PluginFolder folder, IReadOnlyDictionary<string, string> settings, int memoryLimitMb,
        PluginHostOptions options, ILoggerFactory loggerFactory, ICaoState state, RunnerCommand command)
    {
        _name = name;
        _folder = folder;
        _settings = settings;
        MemoryLimitMb = memoryLimitMb;
        _options = options;
        _logger = loggerFactory.CreateLogger<PluginHost>();
        _serverTarget = new ServerTarget(name, loggerFactory, state);
        _command = command;
    }

    public int MemoryLimitMb { get; }

    /// <summary>The child's PID while it runs.</summary>
    public int? Pid => _child is { HasExited: false } child ? child.Pid : null;

    public int Restarts => Volatile.Read(ref _restarts);

    public string? LastCrashReason => Volatile.Read(ref _lastCrashReason);

    /// <summary>The child's resident memory at its last heartbeat.</summary>
    public long? WorkingSetBytes { get; private set; }

    /// <summary>Connects the supervisor to the host once the plugin is part of it.</summary>
    public void Supervise(ISupervision supervision) => _supervision = supervision;

    /// <summary>Starts a child, shakes hands and sets the plugin up in it.</summary>
    /// <exception cref="IsolatedPluginException">The child did not come up; the message says why.</exception>
    public async Task<SetupResult> StartAsync(CancellationToken cancellationToken)
    {
        ChildProcess child;
        try
        {
            child = ChildProcess.Start(_command, _folder.Path, MemoryLimitMb, _name, _logger, _serverTarget);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw new IsolatedPluginException($"its plugin host could not be started ({_command.FileName}): {ex.Message}");
        }
        // Past the plugin's own setup timeout (the child enforces it), room for the process to start and load.
        var deadline = _options.SetupTimeout + TimeSpan.FromSeconds(15);
        try
        {
            var hello = await child.Rpc.InvokeWithParameterObjectAsync<InitializeResult>(PluginProtocol.Initialize, new InitializeParams
            {
                ProtocolVersion = PluginProtocol.Version,
                SdkVersion = RunnerSession.SdkVersion,
                Server = "cao-dotnet",
                Capabilities = PluginProtocol.ServerCapabilities,
            }, cancellationToken).WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
            if (hello.ProtocolVersion != PluginProtocol.Version)
                throw new IsolatedPluginException($"its plugin host speaks protocol version {hello.ProtocolVersion}; this CAO speaks {PluginProtocol.Version}");
            var setup = await child.Rpc.InvokeWithParameterObjectAsync<SetupResult>(PluginProtocol.Setup, new SetupParams
            {
                Plugin = _name,
                Folder = _folder.Path,
                Linked = _folder.Linked,
                Settings = _settings,
                SetupTimeoutMs = (long)_options.SetupTimeout.TotalMilliseconds,
                TeardownTimeoutMs = (long)_options.TeardownTimeout.TotalMilliseconds,
            }, cancellationToken).WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
            if (setup.Name != _name)
                throw new IsolatedPluginException($"its plugin host set up '{setup.Name}' instead of '{_name}'");
            // A runner that cannot run tools (another language's, written before tool.call) offers none.
            if (setup.Tools.Count > 0 && !hello.Capabilities.Contains(PluginProtocol.ToolCall))
                setup = setup with { Tools = [], RefusedTools = [.. setup.RefusedTools, $"tools ignored: its plugin host does not implement '{PluginProtocol.ToolCall}'"] };
            _child = child;
            _ = WatchAsync(child);
            return setup;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = ex switch
            {
                IsolatedPluginException => ex.Message,
                RemoteInvocationException remote => remote.Message,
                TimeoutException => $"its plugin host did not finish setup within {deadline.TotalSeconds:0}s",
                _ => null,
            };
            if (reason is null)
            {
                // The connection broke: the child died. Its exit code and last words say how.
                await Task.WhenAny(child.Exited, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
                reason = $"its plugin host {child.DescribeExit(MemoryLimitMb)} during setup";
            }
            child.Kill(reason);
            child.Dispose();
            throw new IsolatedPluginException(reason) { SetupFailure = SetupFailureOf(ex) };
        }
        catch
        {
            child.Kill("the server stopped during setup");
            child.Dispose();
            throw;
        }
    }

    /// <summary>Calls hook <paramref name="hookId"/> in the child; the caller (the plugin's queue) applies the timeout.</summary>
    public async ValueTask CallHookAsync(int hookId, CaoEvent e, CancellationToken cancellationToken)
    {
        var child = Running();
        try
        {
            await child.Rpc.InvokeWithParameterObjectAsync<EmptyResult>(PluginProtocol.Hook, Request(hookId, e), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, child) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Calls pre-hook <paramref name="hookId"/> in the child; the chain applies the timeout and the failure policy.</summary>
    public async ValueTask<HookDecision> CallPreHookAsync(int hookId, CaoEvent e, CancellationToken cancellationToken)
    {
        var child = Running();
        PreHookResult result;
        try
        {
            result = await child.Rpc.InvokeWithParameterObjectAsync<PreHookResult>(PluginProtocol.PreHook, Request(hookId, e), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, child) is { } translated)
        {
            throw translated;
        }
        return result.Decision switch
        {
            "deny" => HookDecision.Deny(result.Reason ?? "no reason given", result.Code),
            "replace_message" when result.Message is not null => HookDecision.ReplaceMessage(result.Message),
            "allow" => HookDecision.Allow,
            _ => throw new IsolatedPluginException($"pre-hook answered an unknown decision '{result.Decision}'"),
        };
    }

    private static SetupFailure? SetupFailureOf(Exception ex) =>
        ex is RemoteInvocationException { ErrorCode: PluginProtocol.SetupFailed } failed ? ErrorData.As<SetupFailure>(failed) : null;

    private static HookParams Request(int hookId, CaoEvent e) =>
        new() { HookId = hookId, Event = JsonSerializer.SerializeToElement(e, e.GetType()) };

    private ChildProcess Running() =>
        _child is { HasExited: false } child
            ? child
            : throw new IsolatedPluginException($"plugin '{_name}' is not running: its plugin host {(Volatile.Read(ref _faulted) ? "was given up on" : "is restarting")}");

    private Exception? Translate(Exception ex, ChildProcess child)
    {
        switch (ex)
        {
            case RemoteInvocationException { ErrorCode: PluginProtocol.HookFailed } failed:
                var type = ErrorData.As<HookFailure>(failed)?.ExceptionType is { Length: > 0 } named ? named : "Exception";
                return new RemoteHookException(type, failed.Message);
            case ConnectionLostException or ObjectDisposedException:
                // The child is gone: hold the queue now, before the next events fail one by one; the exit watcher restarts it.
                _supervision?.RequestPause();
                return new IsolatedPluginException($"plugin '{_name}' lost its plugin host (pid {child.Pid}) during the call");
            default:
                return null;
        }
    }
}
