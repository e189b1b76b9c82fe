using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;
using CliAgentOrchestrator.Plugins;
using StreamJsonRpc;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>
/// The child's side of the protocol: one plugin, loaded by an ordinary <see cref="PluginHost"/>
/// (the same discovery, load context, hook binding, setup and teardown as in the server), whose
/// bound hooks the server calls one by one. The server keeps the queue, the order and the timeouts.
/// </summary>
internal sealed class RunnerSession(ILoggerFactory loggerFactory, ICaoState state)
{
    private PluginHost? _host;
    private LoadedPlugin? _plugin;
    private int _tornDown;

    public static string SdkVersion => SharedAssemblies.SdkVersion.ToString(3);

    [JsonRpcMethod(PluginProtocol.Initialize)]
    public InitializeResult Initialize(InitializeParams request)
    {
        if (request.ProtocolVersion != PluginProtocol.Version)
            throw new LocalRpcException($"this runner speaks protocol version {PluginProtocol.Version}, not {request.ProtocolVersion}") { ErrorCode = PluginProtocol.UnsupportedProtocol };
        return new InitializeResult
        {
            ProtocolVersion = PluginProtocol.Version,
            SdkVersion = SdkVersion,
            Runner = "cao-dotnet",
            Pid = Environment.ProcessId,
            Capabilities = PluginProtocol.RunnerCapabilities,
        };
    }

    [JsonRpcMethod(PluginProtocol.Setup)]
    public async Task<SetupResult> SetupAsync(SetupParams request, CancellationToken cancellationToken)
    {
        if (_host is not null)
            throw new LocalRpcException("setup was already called; a runner hosts one plugin once") { ErrorCode = PluginProtocol.SetupFailed };
        var options = new PluginHostOptions
        {
            SetupTimeout = TimeSpan.FromMilliseconds(Math.Max(1, request.SetupTimeoutMs)),
            TeardownTimeout = TimeSpan.FromMilliseconds(Math.Max(1, request.TeardownTimeoutMs)),
            ToolTimeout = request.ToolTimeoutMs > 0 ? TimeSpan.FromMilliseconds(request.ToolTimeoutMs) : new PluginHostOptions().ToolTimeout,
        };
        _host = new PluginHost(options, loggerFactory, PluginSettings.Of(request.Plugin, request.Settings), state)
        {
            OnlyPlugin = request.Plugin,
        };
        var folder = new PluginFolder(request.Folder, PluginDiscovery.FindEntryAssemblies(request.Folder), request.Linked);
        await _host.LoadAsync([folder], [], cancellationToken).ConfigureAwait(false);
        var plugin = _host.Find(request.Plugin)
            ?? throw new LocalRpcException($"no entry point named '{request.Plugin}' in {request.Folder}") { ErrorCode = PluginProtocol.SetupFailed };
        if (plugin.Status != PluginStatus.Loaded)
        {
            // Its tools were read from its type before setup: the server lists them as "not configured".
            throw new LocalRpcException(plugin.Error ?? $"the plugin is {plugin.Status}")
            {
                ErrorCode = PluginProtocol.SetupFailed,
                ErrorData = new SetupFailure { Tools = Describe(plugin.Tools), RefusedTools = plugin.ToolRefusals },
            };
        }
        await WarmUpAsync(plugin).ConfigureAwait(false);
        _plugin = plugin;
        return new SetupResult
        {
            Name = plugin.Name,
            Version = plugin.Version,
            Hooks = plugin.Hooks.Select((h, i) => new HookDescriptor { Id = i, EventType = h.EventType, Hook = h.MethodName }).ToList(),
            PreHooks = plugin.PreHooks.Select((h, i) => new PreHookDescriptor
            {
                Id = i,
                EventType = h.EventType,
                Hook = h.MethodName,
                Order = h.Order,
                FailClosed = h.FailClosed,
                TimeoutMs = (long)h.Timeout.TotalMilliseconds,
            }).ToList(),
            RefusedHooks = plugin.Refusals,
            Tools = Describe(plugin.Tools),
            RefusedTools = plugin.ToolRefusals,
        };
    }

    /// <summary>
    /// Runs a tool through the child's own host, exactly as the server runs an in-process plugin's
    /// tool (arguments, context, timeout, error texts); a cancelled call answers -32800.
    /// </summary>
    [JsonRpcMethod(PluginProtocol.ToolCall)]
    public async Task<ToolCallResult> ToolCallAsync(ToolCallParams request, CancellationToken cancellationToken)
    {
        var plugin = SetUp();
        if (!plugin.Tools.Any(t => t.QualifiedName == request.Name))
            throw new LocalRpcException($"the plugin has no tool named '{request.Name}'") { ErrorCode = PluginProtocol.UnknownTool };
        if (request.Arguments is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
            return new ToolCallResult { IsError = true, Text = $"Invalid arguments for {request.Name}: the arguments must be an object" };
        var arguments = request.Arguments is { ValueKind: JsonValueKind.Object } json ? JsonObject.Create(json) : null;
        var result = await _host!.CallToolAsync(request.Name, arguments, request.TerminalId, cancellationToken).ConfigureAwait(false);
        return new ToolCallResult { Text = result.Text, IsError = result.IsError };
    }

    [JsonRpcMethod(PluginProtocol.Hook)]
    public async Task<EmptyResult> HookAsync(HookParams request, CancellationToken cancellationToken)
    {
        var plugin = SetUp();
        if (request.HookId < 0 || request.HookId >= plugin.Hooks.Count)
            throw new LocalRpcException($"no hook with id {request.HookId}") { ErrorCode = PluginProtocol.UnknownHook };
        var hook = plugin.Hooks[request.HookId];
        var e = ReadEvent(request.Event, KnownEvents.ByType);
        try
        {
            // On a plugin thread, as in the server: a hook that blocks holds its own thread, not the wire.
            await PluginThreads.Run(() => hook.Invoke(e, cancellationToken)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return EmptyResult.Instance;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(ex);
        }
    }

    [JsonRpcMethod(PluginProtocol.PreHook)]
    public async Task<PreHookResult> PreHookAsync(HookParams request, CancellationToken cancellationToken)
    {
        var plugin = SetUp();
        if (request.HookId < 0 || request.HookId >= plugin.PreHooks.Count)
            throw new LocalRpcException($"no pre-hook with id {request.HookId}") { ErrorCode = PluginProtocol.UnknownHook };
        var hook = plugin.PreHooks[request.HookId];
        var e = ReadEvent(request.Event, KnownEvents.PreEvents);
        HookDecision decision;
        try
        {
            decision = await PluginThreads.Run(() => hook.Invoke(e, cancellationToken)).WaitAsync(cancellationToken).ConfigureAwait(false) ?? HookDecision.Allow;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(ex);
        }
        return new PreHookResult
        {
            Decision = DecisionNames.Of(decision.Kind),
            Reason = decision.Reason,
            Code = decision.Code,
            Message = decision.Message,
        };
    }

    [JsonRpcMethod(PluginProtocol.Heartbeat)]
    public HeartbeatResult Heartbeat()
    {
        using var self = Process.GetCurrentProcess();
        return new HeartbeatResult { Pid = Environment.ProcessId, WorkingSetBytes = self.WorkingSet64, ManagedHeapBytes = GC.GetTotalMemory(false) };
    }

    [JsonRpcMethod(PluginProtocol.Teardown)]
    public async Task<EmptyResult> TeardownAsync()
    {
        await TeardownOnceAsync().ConfigureAwait(false);
        return EmptyResult.Instance;
    }

    /// <summary>Tears the plugin down unless that already happened (also when the server went away without asking).</summary>
    public async Task TeardownOnceAsync()
    {
        if (Interlocked.Exchange(ref _tornDown, 1) == 1 || _host is null)
            return;
        await _host.StopAsync().ConfigureAwait(false);
    }

    // A fresh child compiles the event and answer serializers on first use, which can take longer
    // than a pre-hook's timeout on a busy machine: do it now, before the server sends the first call.
    private static async Task WarmUpAsync(LoadedPlugin plugin)
    {
        var types = plugin.Hooks.Select(h => (h.EventType, Known: KnownEvents.ByType))
            .Concat(plugin.PreHooks.Select(h => (h.EventType, Known: KnownEvents.PreEvents)))
            .DistinctBy(t => t.EventType);
        foreach (var (eventType, known) in types)
        {
            var eventClass = known[eventType];
            ReadEvent(JsonSerializer.SerializeToElement(Activator.CreateInstance(eventClass), eventClass), known);
        }
        JsonSerializer.SerializeToElement(new PreHookResult());
        await PluginThreads.Run(() => ValueTask.CompletedTask).ConfigureAwait(false);
    }

    private static List<ToolDescriptor> Describe(IEnumerable<Tools.PluginTool> tools) =>
        tools.Select(t => new ToolDescriptor
        {
            Name = t.ToolName,
            QualifiedName = t.QualifiedName,
            Description = t.Description,
            InputSchema = JsonSerializer.SerializeToElement(t.InputSchema),
        }).ToList();

    private LoadedPlugin SetUp() =>
        _plugin ?? throw new LocalRpcException("the plugin is not set up; call setup first") { ErrorCode = PluginProtocol.NotSetUp };

    private static CaoEvent ReadEvent(JsonElement json, IReadOnlyDictionary<string, Type> known)
    {
        var type = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("event_type", out var t) ? t.GetString() : null;
        if (type is null || !known.TryGetValue(type, out var eventClass))
            throw new LocalRpcException($"the event's event_type '{type}' is not one this hook takes") { ErrorCode = PluginProtocol.InvalidParams };
        return (CaoEvent)json.Deserialize(eventClass)!;
    }

    private static LocalRpcException Failure(Exception ex) =>
        new(ex.Message) { ErrorCode = PluginProtocol.HookFailed, ErrorData = new HookFailure { ExceptionType = ex.GetType().FullName ?? ex.GetType().Name } };
}
