namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>The server's event counters of one plugin, in <c>--json</c> output; absent when the server does not run.</summary>
internal sealed record PluginEventCounts(long Delivered, long HookFailures, long Dropped, long Queued);
