using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>
/// Reads an agent profile: optional YAML frontmatter between <c>---</c> lines, then the markdown body
/// (the system prompt). <c>${VAR}</c> placeholders are substituted in string values and the body,
/// after YAML parsing, so a substituted value can never change the YAML structure.
/// </summary>
public static class ProfileParser
{
    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The profile file content.</param>
    /// <param name="fallbackName">Used when the frontmatter has no <c>name</c> (the file stem).</param>
    /// <param name="variables">Placeholder values; no substitution when null.</param>
    /// <exception cref="ProfileException">The frontmatter is not valid YAML or not a mapping.</exception>
    public static AgentProfile Parse(string text, string fallbackName, ProfileVariables? variables = null)
    {
        var (yaml, body) = Split(text.Replace("\r\n", "\n"));
        var fields = yaml is null ? new Dictionary<string, object?>() : ReadMapping(yaml, fallbackName);
        string Sub(string s) => variables?.Substitute(s) ?? s;
        fields = (Dictionary<string, object?>)SubstituteAll(fields, Sub)!;

        return new AgentProfile
        {
            Name = Str(fields, "name") is { Length: > 0 } name ? name : fallbackName,
            Description = Str(fields, "description") ?? "",
            Provider = Str(fields, "provider"),
            Role = Str(fields, "role"),
            AllowedTools = fields.ContainsKey("allowedTools") ? StrList(fields, "allowedTools") : null,
            McpServers = McpServersOf(fields),
            Model = Str(fields, "model"),
            Prompt = Str(fields, "prompt"),
            SystemPrompt = Sub(body).Trim(),
            ProviderInitTimeout = Num(fields, "provider_init_timeout"),
            PermissionMode = Str(fields, "permissionMode"),
            NativeAgent = Str(fields, "native_agent"),
            CodexProfile = Str(fields, "codexProfile"),
            CodexConfig = Map(fields, "codexConfig"),
            ClaudeConfig = Map(fields, "claudeConfig"),
            Engine = Str(fields, "engine"),
            Tags = StrList(fields, "tags") ?? [],
            Frontmatter = fields,
        };
    }

    /// <summary>Reads and parses a profile file; the file stem is the fallback name.</summary>
    public static AgentProfile ParseFile(string path, ProfileVariables? variables = null) =>
        Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path), variables);

    private static (string? Yaml, string Body) Split(string text)
    {
        var trimmed = text.TrimStart('\uFEFF');
        if (!trimmed.StartsWith("---", StringComparison.Ordinal)) return (null, trimmed);
        var firstBreak = trimmed.IndexOf('\n');
        if (firstBreak < 0 || trimmed[..firstBreak].Trim() != "---") return (null, trimmed);
        var lines = trimmed[(firstBreak + 1)..].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() is "---" or "...")
                return (string.Join('\n', lines[..i]), string.Join('\n', lines[(i + 1)..]));
        }
        return (null, trimmed); // no closing fence: treat the whole file as prompt text
    }

    private static Dictionary<string, object?> ReadMapping(string yaml, string profileName)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e)
        {
            throw new ProfileException($"Agent profile '{profileName}': invalid YAML frontmatter at line {e.Start.Line}: {e.Message}", e);
        }
        if (stream.Documents.Count == 0) return [];
        return stream.Documents[0].RootNode switch
        {
            YamlMappingNode map => (Dictionary<string, object?>)Convert(map)!,
            YamlScalarNode { Value: null or "" } => [],
            _ => throw new ProfileException($"Agent profile '{profileName}': the frontmatter must be a YAML mapping (key: value lines)."),
        };
    }

    // YAML node → plain .NET values. Plain (unquoted) scalars get YAML's core types; quoted ones stay strings.
    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => Convert(kv.Value), StringComparer.Ordinal),
        YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => null,
    };

    private static object? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || value is null) return value;
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return value;
    }

    private static object? SubstituteAll(object? value, Func<string, string> sub) => value switch
    {
        string s => sub(s),
        Dictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => SubstituteAll(kv.Value, sub), StringComparer.Ordinal),
        List<object?> list => list.Select(v => SubstituteAll(v, sub)).ToList(),
        _ => value,
    };

    private static string? Str(IReadOnlyDictionary<string, object?> fields, string key) =>
        fields.TryGetValue(key, out var v) && v is not null and not IDictionary<string, object?> and not List<object?>
            ? System.Convert.ToString(v, CultureInfo.InvariantCulture)
            : null;

    private static double? Num(IReadOnlyDictionary<string, object?> fields, string key) =>
        fields.TryGetValue(key, out var v) ? v switch
        {
            long l => l,
            double d => d,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) => p,
            _ => null,
        } : null;

    private static IReadOnlyList<string>? StrList(IReadOnlyDictionary<string, object?> fields, string key) =>
        fields.TryGetValue(key, out var v) ? v switch
        {
            List<object?> list => list.Where(x => x is not null).Select(x => System.Convert.ToString(x, CultureInfo.InvariantCulture)!).ToList(),
            string s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => null,
        } : null;

    private static IReadOnlyDictionary<string, object?> Map(IReadOnlyDictionary<string, object?> fields, string key) =>
        fields.TryGetValue(key, out var v) && v is Dictionary<string, object?> map ? map : new Dictionary<string, object?>();

    private static IReadOnlyDictionary<string, McpServerConfig> McpServersOf(IReadOnlyDictionary<string, object?> fields)
    {
        var servers = new Dictionary<string, McpServerConfig>(StringComparer.Ordinal);
        foreach (var (name, raw) in Map(fields, "mcpServers"))
        {
            if (raw is not Dictionary<string, object?> server) continue;
            servers[name] = new McpServerConfig
            {
                Type = Str(server, "type"),
                Command = Str(server, "command") ?? "",
                Args = StrList(server, "args") ?? [],
                Env = Map(server, "env").Where(kv => kv.Value is not null)
                    .ToDictionary(kv => kv.Key, kv => System.Convert.ToString(kv.Value, CultureInfo.InvariantCulture)!, StringComparer.Ordinal),
                Timeout = Num(server, "timeout"),
            };
        }
        return servers;
    }
}
