using System.ComponentModel;

namespace Cao.AskHuman;

/// <summary>What the agent passes to <c>askhuman_ask</c>; CAO derives the tool's JSON schema from it.</summary>
public sealed record AskArguments
{
    [Description("The question for the human, complete enough to answer without other context")]
    public required string Question { get; init; }

    [Description("Seconds to wait for the answer; at most the plugin's timeout_seconds, which is also the default")]
    public int? TimeoutSeconds { get; init; }
}
