namespace CliAgentOrchestrator.Plugins;

/// <summary>
/// Offers a plugin method to every agent as an MCP tool, beside CAO's own <c>send_message</c>,
/// <c>assign</c> and <c>handoff</c>: <c>[CaoTool("ask", Description = "Ask the human a question")]</c>.
/// Agents see it as <c>&lt;plugin&gt;_&lt;name&gt;</c> (dots in the plugin name become underscores),
/// so two plugins never offer the same name.
/// </summary>
/// <remarks>
/// <para>The method is an instance method of the plugin class. Its parameters, in any order, may be:
/// one arguments object (a class or record; its public properties are the tool's parameters, named in
/// snake_case, and its JSON schema is what the agent sees; a
/// <see cref="System.ComponentModel.DescriptionAttribute"/> on a property becomes its description),
/// a <see cref="CaoToolContext"/> (who calls), and a <see cref="CancellationToken"/> (cancelled when
/// the call times out, the agent gives up or the server stops). It returns a <see cref="string"/>
/// (the text the agent reads), any other object (sent as JSON), or a <see cref="Task{TResult}"/> /
/// <see cref="ValueTask{TResult}"/> of one; <see cref="Task"/>, <see cref="ValueTask"/> and
/// <see langword="void"/> answer <c>ok</c>.</para>
/// <para>An exception thrown by the method reaches the agent as a tool error carrying its message;
/// it never ends the plugin or the agent's MCP server. Calls run in the CAO server, in the plugin's
/// instance, so <see cref="CaoPlugin.Context"/> and the state set up in
/// <see cref="CaoPlugin.SetupAsync"/> are available. A tool of a plugin whose setup failed (for
/// example because a required setting is missing) is still listed; calling it answers a
/// "not configured" error naming the reason.</para>
/// <para>A name must be 1 to 48 characters of lowercase letters, digits, <c>_</c> and <c>-</c>,
/// starting with a letter; a method with a wrong signature or a name that is taken is refused at
/// load with a warning naming it. See docs/plugins.md, "Tools for agents".</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class CaoToolAttribute : Attribute
{
    /// <summary>Offers the method as the tool <paramref name="name"/>.</summary>
    /// <param name="name">The tool's name within the plugin, e.g. <c>ask</c>.</param>
    public CaoToolAttribute(string name) => Name = name;

    /// <summary>The tool's name within the plugin; agents see <c>&lt;plugin&gt;_&lt;name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>What the tool does and when to use it, for the model that decides to call it.</summary>
    public string? Description { get; set; }
}
