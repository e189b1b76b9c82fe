using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;
using CliAgentOrchestrator.Core.PluginHosting.Tools;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.PluginHosting;

// Tools plugins offer to agents. They are read from the plugin type when its entry point is read,
// before the plugin is created, so a plugin whose setup failed still lists them; a call runs in the
// plugin's instance on a plugin thread, bounded by the tool timeout, and every failure comes back as
// an error result rather than an exception: the agent reads it, the MCP server carries on.
// CallToolAsync is the one way in; an isolated plugin's tools are described by its child at setup
// and called over the wire (IsolatedPlugin.Tools.cs), with the same names, refusals and answers.
public sealed partial class PluginHost
{
    /// <summary>Every tool of every plugin that is not disabled, with whether it can be called now.</summary>
    public IReadOnlyList<PluginToolInfo> ListTools()
    {
        lock (_plugins)
            return _plugins.Where(p => p.Status != PluginStatus.Disabled)
                .SelectMany(p => p.Tools.Select(t => new PluginToolInfo
                {
                    Name = t.QualifiedName,
                    Plugin = p.Name,
                    Tool = t.ToolName,
                    Description = t.Description,
                    InputSchema = (JsonObject)t.InputSchema.DeepClone(),
                    Available = Callable(p),
                    Problem = Callable(p) ? null : NotAvailable(p, t),
                }))
                .ToList();
    }

    /// <summary>
    /// Calls the plugin tool <paramref name="name"/> (<c>&lt;plugin&gt;_&lt;tool&gt;</c>) for the agent in
    /// <paramref name="terminalId"/>. Failures of the tool (not configured, bad arguments, an exception,
    /// a timeout) are error results; only an unknown name throws (<see cref="NotFoundException"/>).
    /// </summary>
    public async Task<PluginToolResult> CallToolAsync(string name, JsonObject? arguments, string? terminalId, CancellationToken cancellationToken)
    {
        LoadedPlugin? plugin;
        PluginTool? tool;
        lock (_plugins)
        {
            plugin = _plugins.FirstOrDefault(p => p.Status != PluginStatus.Disabled && p.Tools.Any(t => t.QualifiedName == name));
            tool = plugin?.Tools.First(t => t.QualifiedName == name);
        }
        if (plugin is null || tool is null)
            throw new NotFoundException($"No plugin offers a tool named '{name}'; see GET /plugin-tools");
        if (!Callable(plugin))
            return PluginToolResult.Error(NotAvailable(plugin, tool));
        if (plugin.Isolated is { } isolated)
            return await isolated.CallToolAsync(name, arguments, terminalId, _options.ToolTimeout, cancellationToken).ConfigureAwait(false);
        if (plugin.Instance is not { } instance)
            return PluginToolResult.Error(NotAvailable(plugin, tool));

        Task<object?>? running = null;
        try
        {
            var parameters = Parameters(tool, arguments, terminalId, cancellationToken, out var timeout);
            using (timeout)
            {
                running = PluginThreads.Run(() => Invoke(tool, instance, parameters));
                var result = await running.WaitAsync(_options.ToolTimeout, cancellationToken).ConfigureAwait(false);
                return new PluginToolResult { Text = Text(tool, result) };
            }
        }
        catch (JsonException ex) when (running is null)
        {
            return PluginToolResult.Error($"Invalid arguments for {name}: {ex.Message}");
        }
        catch (TimeoutException) when (running is { IsCompleted: false })
        {
            _logger.LogWarning("Plugin '{Plugin}' tool '{Tool}' did not answer within {Seconds}s; abandoned the call", plugin.Name, name, _options.ToolTimeout.TotalSeconds);
            return PluginToolResult.Error($"{name} did not answer within {_options.ToolTimeout.TotalSeconds}s (CAO_PLUGINS_TOOL_TIMEOUT)");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            _logger.LogWarning(cause, "Plugin '{Plugin}' tool '{Tool}' failed", plugin.Name, name);
            return PluginToolResult.Error($"{name} failed: {cause.Message}");
        }
    }

    // An isolated plugin is callable while loaded, also while its child restarts (a call waits for it);
    // faulted means its child was given up on.
    private static bool Callable(LoadedPlugin plugin) => plugin.Isolated is not null
        ? plugin.Status == PluginStatus.Loaded
        : plugin.Status is PluginStatus.Loaded or PluginStatus.Faulted && plugin.Instance is not null;

    private static string NotAvailable(LoadedPlugin plugin, PluginTool tool) => plugin.Status switch
    {
        PluginStatus.Failed => $"{tool.QualifiedName} is not available: plugin '{plugin.Name}' is not configured ({plugin.Error}). Fix its settings (plugins.{plugin.Name} in settings.json or CAO_PLUGIN_{plugin.Name.ToUpperInvariant().Replace('.', '_').Replace('-', '_')}_*), then run 'cao plugin reload {plugin.Name}' or restart the server.",
        _ => $"{tool.QualifiedName} is not available: plugin '{plugin.Name}' is {plugin.Status.ToString().ToLowerInvariant()}.",
    };

    // Binds at entry-point reading; a qualified name another plugin already offers is refused, first come first served.
    private void BindTools(LoadedPlugin plugin, Type pluginType)
    {
        var (tools, refusals) = PluginToolBinder.Bind(plugin.Name, pluginType);
        KeepTools(plugin, tools, refusals);
    }

    // An isolated plugin's tools, as its child described them (at setup, at each restart, or with a failed setup).
    private void BindIsolatedTools(LoadedPlugin plugin, IReadOnlyList<ToolDescriptor> descriptors, IReadOnlyList<string> childRefusals)
    {
        var tools = new List<PluginTool>();
        var refusals = childRefusals.ToList();
        foreach (var descriptor in descriptors)
        {
            // The child's own host checked the name; a runner in another language is checked here.
            var problem = PluginToolNames.Problem(plugin.Name, descriptor.Name)
                ?? (descriptor.QualifiedName != PluginToolNames.Qualify(plugin.Name, descriptor.Name) ? $"its qualified name '{descriptor.QualifiedName}' is not '{PluginToolNames.Qualify(plugin.Name, descriptor.Name)}'" : null)
                ?? (tools.Any(t => t.ToolName == descriptor.Name) ? $"the plugin already has a tool named '{descriptor.Name}'" : null)
                ?? (descriptor.InputSchema.ValueKind != JsonValueKind.Object ? "its input_schema is not a JSON object" : null);
            if (problem is not null)
            {
                refusals.Add($"tool '{descriptor.Name}' (in its plugin host) refused: {problem}");
                continue;
            }
            tools.Add(new PluginTool
            {
                PluginName = plugin.Name,
                ToolName = descriptor.Name,
                QualifiedName = descriptor.QualifiedName,
                Description = descriptor.Description,
                InputSchema = JsonObject.Create(descriptor.InputSchema)!,
            });
        }
        KeepTools(plugin, tools, refusals);
    }

    private void KeepTools(LoadedPlugin plugin, List<PluginTool> tools, List<string> refusals)
    {
        var kept = new List<PluginTool>();
        foreach (var tool in tools)
        {
            LoadedPlugin? owner;
            lock (_plugins)
                owner = _plugins.FirstOrDefault(p => p != plugin && p.Status != PluginStatus.Disabled && p.Tools.Any(t => t.QualifiedName == tool.QualifiedName));
            if (owner is null)
                kept.Add(tool);
            else
                refusals.Add($"tool '{tool.ToolName}' ({tool.Origin}) refused: '{tool.QualifiedName}' is already offered by plugin '{owner.Name}'");
        }
        plugin.Tools = kept;
        plugin.ToolRefusals = refusals;
        foreach (var refusal in refusals)
            _logger.LogWarning("Plugin '{Plugin}': {Refusal}", plugin.Name, refusal);
    }

    private object?[] Parameters(PluginTool tool, JsonObject? arguments, string? terminalId, CancellationToken cancellationToken, out CancellationTokenSource timeout)
    {
        object? args = null;
        if (tool.ArgumentsType is { } type)
            args = (arguments ?? new JsonObject()).Deserialize(type, tool.Json) ?? throw new JsonException("the arguments must be an object");
        timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ToolTimeout);
        var context = new CaoToolContext { PluginName = tool.PluginName, ToolName = tool.ToolName, QualifiedName = tool.QualifiedName, TerminalId = terminalId };
        var token = timeout.Token;
        return tool.Parameters.Select(kind => kind switch
        {
            ToolParameterKind.Arguments => args,
            ToolParameterKind.Context => context,
            _ => (object?)token,
        }).ToArray();
    }

    private static async ValueTask<object?> Invoke(PluginTool tool, CaoPlugin instance, object?[] parameters)
    {
        var method = tool.Method ?? throw new InvalidOperationException($"{tool.QualifiedName} runs in its plugin's child process");
        var returned = method.Invoke(instance, parameters);
        var type = method.ReturnType;
        switch (returned)
        {
            case Task task:
                await task.ConfigureAwait(false);
                return type.IsGenericType ? type.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var task = (Task)type.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null)!;
            await task.ConfigureAwait(false);
            return task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
        }
        return returned;
    }

    private static string Text(PluginTool tool, object? result) => result switch
    {
        null => "ok",
        string text => text,
        _ => JsonSerializer.Serialize(result, result.GetType(), tool.Json),
    };
}
