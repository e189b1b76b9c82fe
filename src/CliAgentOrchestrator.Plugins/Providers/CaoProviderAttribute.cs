namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>
/// Registers a provider (an agent CLI kind) from a plugin assembly:
/// <c>[assembly: CaoProvider("gemini_cli", typeof(GeminiCliProvider), Binary = "gemini")]</c>. CAO
/// reads it at server start from every plugin folder, and the key then works wherever a built-in
/// one does: <c>GET /agents/providers</c>, <c>cao launch --provider</c>, a profile's <c>provider</c>,
/// the <c>assign</c>/<c>handoff</c> tools.
/// </summary>
/// <remarks>
/// The type implements <see cref="IProvider"/> (usually by deriving from <see cref="ProviderBase"/>)
/// and has a public constructor taking a <see cref="ProviderContext"/>; CAO creates one instance per
/// terminal. A key that is taken (a built-in or an earlier plugin's) is refused at load with a warning.
/// Providers load at server start; changing one needs a restart. See docs/providers.md, "Writing a
/// provider plugin".
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class CaoProviderAttribute : Attribute
{
    /// <summary>Registers <paramref name="providerType"/> under <paramref name="key"/>.</summary>
    /// <param name="key">The provider key, e.g. <c>gemini_cli</c>: lowercase letters, digits and <c>_</c>.</param>
    /// <param name="providerType">The <see cref="IProvider"/> implementation.</param>
    public CaoProviderAttribute(string key, Type providerType)
    {
        Key = key;
        ProviderType = providerType;
    }

    /// <summary>The provider key.</summary>
    public string Key { get; }

    /// <summary>The <see cref="IProvider"/> implementation.</summary>
    public Type ProviderType { get; }

    /// <summary>The CLI program, looked up on the PATH to show whether the provider is installed; default the key.</summary>
    public string? Binary { get; set; }
}
