using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting.Tools;

/// <summary>
/// Finds the <c>[CaoTool]</c> methods of a plugin type and checks them, as <see cref="HookBinder"/>
/// does for hooks: a method CAO could not call is refused with a reason instead of failing later.
/// </summary>
internal static class PluginToolBinder
{
    private static readonly JsonSchemaExporterOptions SchemaOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = Describe,
    };

    public static (List<PluginTool> Tools, List<string> Refusals) Bind(string pluginName, Type pluginType)
    {
        var tools = new List<PluginTool>();
        var refusals = new List<string>();
        var methods = pluginType.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(m => m.IsDefined(typeof(CaoToolAttribute), inherit: true))
            .OrderBy(m => m.MetadataToken);
        foreach (var method in methods)
        {
            var attribute = method.GetCustomAttribute<CaoToolAttribute>(inherit: true)!;
            var where = $"{method.DeclaringType?.Name}.{method.Name}";
            var problem = PluginToolNames.Problem(pluginName, attribute.Name ?? "")
                ?? (tools.Any(t => t.ToolName == attribute.Name) ? $"the plugin already has a tool named '{attribute.Name}'" : null);
            if (problem is null && TryBind(pluginName, attribute, method, out var tool, out problem))
                tools.Add(tool!);
            else
                refusals.Add($"tool '{attribute.Name}' ({where}) refused: {problem}");
        }
        return (tools, refusals);
    }

    private static bool TryBind(string pluginName, CaoToolAttribute attribute, MethodInfo method, out PluginTool? tool, out string? problem)
    {
        tool = null;
        problem = null;
        if (method.IsGenericMethodDefinition)
        {
            problem = "a tool method cannot be generic";
            return false;
        }
        var kinds = new List<ToolParameterKind>();
        Type? argumentsType = null;
        foreach (var parameter in method.GetParameters())
        {
            var type = parameter.ParameterType;
            if (type == typeof(CaoToolContext))
                kinds.Add(ToolParameterKind.Context);
            else if (type == typeof(CancellationToken))
                kinds.Add(ToolParameterKind.CancellationToken);
            else if (argumentsType is null && IsArgumentsType(type))
            {
                argumentsType = type;
                kinds.Add(ToolParameterKind.Arguments);
            }
            else
            {
                problem = $"parameter '{parameter.Name}' of type {type.Name} is not allowed: take at most one arguments object (a class or record), a CaoToolContext and a CancellationToken";
                return false;
            }
        }
        if (!ReturnsSomethingCallable(method.ReturnType))
        {
            problem = $"return type {method.ReturnType.Name} is not allowed: return a string, an object, Task, ValueTask, Task<T> or ValueTask<T>";
            return false;
        }
        var json = NewOptions();
        JsonObject schema;
        try
        {
            schema = argumentsType is null
                ? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() }
                : json.GetJsonSchemaAsNode(argumentsType, SchemaOptions) as JsonObject ?? throw new InvalidOperationException("its schema is not an object");
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            problem = $"no JSON schema for {argumentsType?.Name}: {ex.Message}";
            return false;
        }
        tool = new PluginTool
        {
            PluginName = pluginName,
            ToolName = attribute.Name,
            QualifiedName = PluginToolNames.Qualify(pluginName, attribute.Name),
            Description = attribute.Description,
            InputSchema = schema,
            Method = method,
            Parameters = kinds,
            ArgumentsType = argumentsType,
            Json = json,
        };
        return true;
    }

    /// <summary>snake_case on the wire, like every other JSON CAO speaks; numbers as numbers, so the schema says "integer", not "integer or string".</summary>
    public static JsonSerializerOptions NewOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        // Plugin types are only known at run time: reflection, whatever the host's default.
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static bool IsArgumentsType(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && !type.IsAbstract;

    private static bool ReturnsSomethingCallable(Type type) => !type.IsByRef && !type.IsPointer && type != typeof(CaoToolContext);

    // The model reads these: a [Description] on a property (or the arguments type) becomes the schema's description.
    private static JsonNode Describe(JsonSchemaExporterContext context, JsonNode schema)
    {
        var provider = context.PropertyInfo?.AttributeProvider ?? (context.Path.IsEmpty ? context.TypeInfo.Type : null);
        if (provider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: true).OfType<DescriptionAttribute>().FirstOrDefault() is { } description
            && schema is JsonObject node && !node.ContainsKey("description"))
            node.Insert(0, "description", description.Description);
        return schema;
    }
}
