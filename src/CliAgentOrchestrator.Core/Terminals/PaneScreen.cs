namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>A pane's visible screen as <c>capture-pane -e</c> prints it, with its size and the cursor (0-based).</summary>
public sealed record PaneScreen(string Text, int Columns, int Rows, int CursorX, int CursorY);
