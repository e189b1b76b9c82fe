using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Builds the events <c>cao plugin test</c> fires: every field of the event class has a harmless
/// default (so a bare <c>--event post_send_message</c> works) and <c>--set field=value</c> overrides it.
/// The field names are the events' JSON names, as in docs/hook-events.md.
/// </summary>
public static class SyntheticEvents
{
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        ["session_id"] = "cao-plugin-test",
        ["session_name"] = "cao-plugin-test",
        ["sender"] = "test0001",
        ["receiver"] = "test0002",
        ["terminal_id"] = "test0001",
        ["caller_id"] = "test0001",
        ["message"] = "hello from cao plugin test",
        ["orchestration_type"] = OrchestrationTypes.SendMessage,
        ["agent_profile"] = "developer",
        ["agent_name"] = "developer",
        ["provider"] = "mock_cli",
        ["working_directory"] = "/tmp",
        ["denied_by"] = "cao-plugin-test",
        ["reason"] = "denied by cao plugin test",
    };

    /// <summary>Every event type a hook or pre-hook may take, with the event class.</summary>
    public static IReadOnlyDictionary<string, Type> Types { get; } =
        KnownEvents.ByType.Concat(KnownEvents.PreEvents).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>True for the events guarded by <c>[PreHook]</c>.</summary>
    public static bool IsPreEvent(string eventType) => KnownEvents.PreEvents.ContainsKey(eventType);

    /// <summary>The fields <c>--set</c> accepts for <paramref name="eventType"/>, as JSON name → .NET type name.</summary>
    public static IReadOnlyDictionary<string, string> Fields(string eventType) =>
        Properties(Types[eventType]).ToDictionary(p => p.Name, p => TypeName(p.Property.PropertyType), StringComparer.Ordinal);

    /// <exception cref="PluginTrialException">Unknown event type or field, or a value of the wrong type; the message lists the valid ones.</exception>
    public static CaoEvent Build(string eventType, IReadOnlyDictionary<string, string> values)
    {
        if (!Types.TryGetValue(eventType, out var type))
            throw new PluginTrialException($"Unknown event type '{eventType}'; use one of: {string.Join(", ", Types.Keys.Order(StringComparer.Ordinal))}");
        var properties = Properties(type).ToDictionary(p => p.Name, p => p.Property, StringComparer.Ordinal);
        var json = new JsonObject();
        foreach (var (name, property) in properties)
        {
            if (Defaults.TryGetValue(name, out var value) && property.PropertyType == typeof(string))
                json[name] = value;
        }
        foreach (var (name, value) in values)
        {
            if (!properties.TryGetValue(name, out var property))
                throw new PluginTrialException($"'{eventType}' has no field '{name}'; its fields are: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}");
            json[name] = Convert(eventType, name, property.PropertyType, value);
        }
        json["event_type"] = eventType;
        try
        {
            return (CaoEvent)json.Deserialize(type)!;
        }
        catch (JsonException ex)
        {
            throw new PluginTrialException($"The fields do not make a valid '{eventType}': {ex.Message}");
        }
    }

    private static JsonNode? Convert(string eventType, string name, Type type, string value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
            return value;
        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
                ? JsonValue.Create(time)
                : throw new PluginTrialException($"'{name}' of '{eventType}' is a timestamp; give it like 2026-01-31T12:00:00Z");
        }
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            throw new PluginTrialException($"'{name}' of '{eventType}' is a {TypeName(type)}; '{value}' is not one");
        }
    }

    private static IEnumerable<(string Name, PropertyInfo Property)> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, Property: p))
            .Where(p => p.Name is not null && p.Name != "event_type")
            .Select(p => (p.Name!, p.Property));

    private static string TypeName(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(string) => "string",
            var t when t == typeof(DateTimeOffset) => "timestamp",
            var t when t == typeof(int) || t == typeof(long) => "integer",
            var t when t == typeof(bool) => "boolean",
            var t => t.Name,
        };
}
