using System.ComponentModel;

namespace Cao.MyPlugin;

/// <summary>The arguments of the <c>note</c> tool; CAO derives the schema agents see from this record.</summary>
public sealed record NoteArguments
{
    [Description("What to note")]
    public required string Text { get; init; }
}
