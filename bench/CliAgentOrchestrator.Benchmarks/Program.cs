using CliAgentOrchestrator.Benchmarks;

// Usage: dotnet run -c Release --project bench/CliAgentOrchestrator.Benchmarks [-- plugins [123456]|prehooks|core|messaging|speed [abcde]|clis [provider,…]|tracing|isolation|devloop|mcpstart [other cao.dll]|all]
var which = args.Length > 0 ? args[0] : "plugins";
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
if (which is "plugins" or "all")
    await PluginHostBenchmarks.RunAsync(which == "plugins" && args.Length > 1 ? args[1] : null);
if (which is "prehooks" or "all")
    await PreHookBenchmarks.RunAsync();
if (which is "core" or "all")
    await CoreBenchmarks.RunAsync();
if (which is "messaging" or "all")
    await MessagingBenchmarks.RunAsync();
if (which is "tracing" or "all")
    await TracingBenchmarks.RunAsync();
if (which is "speed" or "all")
    await SpeedBenchmarks.RunAsync(which == "speed" && args.Length > 1 ? args[1] : null);
if (which is "clis" or "all")
    await RealCliStartBenchmarks.RunAsync(which == "clis" && args.Length > 1 ? args[1] : null);
if (which is "isolation" or "all")
    await IsolatedPluginBenchmarks.RunAsync();
if (which is "devloop" or "all")
    await DevLoopBench.RunAsync();
if (which is "mcpstart" or "all")
    await McpStartBench.RunAsync(which == "mcpstart" && args.Length > 1 ? args[1] : null);
