using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CliAgentOrchestrator.Core.PluginHosting;

namespace CliAgentOrchestrator.Cli.Plugins;

/// <summary>
/// <c>cao plugin test &lt;name&gt; --event &lt;type&gt; [--set field=value …] [--json]</c>: fires one synthetic event at
/// one plugin of the running server (no other plugin sees it) and shows what each hook did.
/// </summary>
public static class PluginTestCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The plugin's entry-point name" };
        var eventType = new Option<string>("--event", "-e")
        {
            Description = "The event type: " + string.Join(", ", SyntheticEvents.Types.Keys.Order(StringComparer.Ordinal)),
            Required = true,
        };
        // Offered to tab completion; a wrong value is refused by our own one-line message, which lists them too.
        eventType.CompletionSources.Add([.. SyntheticEvents.Types.Keys.Order(StringComparer.Ordinal)]);
        var set = new Option<string[]>("--set", "-s")
        {
            Description = "An event field, as field=value (repeatable); fields per event in docs/hook-events.md",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = JsonOption.Create();
        var command = new Command("test", "Fire a synthetic event at one plugin of the running server and show what its hooks did") { name, eventType, set, json };
        CliAction.Set(command, context, async (parse, console, cancellationToken) =>
        {
            var plugin = parse.GetValue(name)!;
            var type = parse.GetValue(eventType)!;
            var fields = SetPairs.Parse(parse.GetValue(set) ?? []);
            // Checked here too, so a typo is one line even without a server.
            SyntheticEvents.Build(type, fields);

            using var client = context.CreateClient(TimeSpan.FromMinutes(2));
            var answer = await client.PostAsync($"/plugins/{Uri.EscapeDataString(plugin)}/test", new { event_type = type, fields }, cancellationToken)
                ?? throw new CliUserException($"cao-server at {context.ServerUrl} gave no answer to the test of '{plugin}'");
            var hooks = answer["hooks"]?.Deserialize<List<HookOutcome>>() ?? [];
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(answer.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return hooks.Any(Failed) ? 1 : 0;
            }
            foreach (var hook in hooks)
                console.Out.WriteLine(Line(hook));
            return hooks.Any(Failed) ? 1 : 0;
        });
        return command;
    }

    private static bool Failed(HookOutcome hook) => hook.Outcome != "ok";

    private static string Line(HookOutcome hook)
    {
        var time = hook.DurationMs.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        var decision = hook.Decision switch
        {
            null => "",
            "deny" => $", decision: deny ({hook.Reason}{(hook.Code is null ? "" : $", code {hook.Code}")})",
            "replace_message" => $", decision: replace_message → {hook.Replacement}",
            var d => $", decision: {d}",
        };
        return hook.Outcome switch
        {
            "ok" => $"{hook.Hook}: ok in {time}{decision}",
            "exception" => $"{hook.Hook}: threw {hook.ExceptionType}: {hook.Message} after {time}{decision}",
            _ => $"{hook.Hook}: {hook.Outcome}: {hook.Message} after {time}{decision}",
        };
    }
}
