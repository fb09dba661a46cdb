using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using RoutingCore.Kubernetes.Mapping;
using RoutingCore.Model;

namespace RoutingCore.Kubernetes.Output;

/// <summary>
/// Prints stored objects as <c>kubectl get</c> does: tables with kubectl's columns, alignment and ages, and
/// <c>-o yaml</c> / <c>-o json</c> in API shape (apiVersion, kind, metadata, spec, status). Any host can use it for a
/// CLI or an admin endpoint.
/// </summary>
/// <remarks>
/// Tables: services, pods, endpointslices, ingresses, ingressclasses, deployments, endpoints, namespaces, secrets and
/// configmaps. Each row is computed from the object's API shape (<see cref="KubernetesMapper.ToKubernetes"/>) by a
/// port of kubectl's printer for that kind; ages are measured at one instant of the given <see cref="TimeProvider"/>.
/// </remarks>
/// <example>
/// <code>
/// var printer = new KubectlPrinter(TimeProvider.System);
/// Console.Write(printer.PrintTable(state.List&lt;Service&gt;("default"), new KubectlTableOptions { Wide = true }));
/// </code>
/// </example>
public sealed class KubectlPrinter
{
    private static readonly JsonWriterOptions JsonLayout = new() { Indented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TimeProvider _time;

    /// <summary>Creates a printer whose ages are measured with <paramref name="timeProvider"/> (the system clock by default).</summary>
    public KubectlPrinter(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>kubectl's message when a listing is empty: <c>No resources found in default namespace.</c>, or without a namespace for <c>-A</c> and cluster-scoped kinds.</summary>
    /// <param name="namespace">The namespace listed, or null.</param>
    public static string NoResourcesFound(string? @namespace) =>
        string.IsNullOrEmpty(@namespace) ? "No resources found" : $"No resources found in {@namespace} namespace.";

    /// <summary>True when <see cref="PrintTable"/> knows the columns of <paramref name="kind"/>.</summary>
    public static bool HasTable(ObjectKind kind) => TableFormats.For(kind) is not null;

    /// <summary>
    /// The table of <paramref name="objects"/>, all of one kind, in the order given (<see cref="State.ClusterState.List{T}(string?)"/>
    /// order is kubectl's: namespace, then name). Empty when there are no objects, as kubectl prints nothing to stdout.
    /// </summary>
    /// <exception cref="ArgumentException">The objects are of several kinds.</exception>
    /// <exception cref="NotSupportedException">The kind has no table (<see cref="HasTable"/>).</exception>
    public string PrintTable(IEnumerable<KubeObject> objects, KubectlTableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objects);
        options ??= KubectlTableOptions.Default;
        var items = objects.ToList();
        if (items.Count == 0)
        {
            return "";
        }

        var kind = items[0].Kind;
        if (items.Any(o => o.Kind != kind))
        {
            throw new ArgumentException("A table holds objects of one kind.", nameof(objects));
        }

        var format = TableFormats.For(kind) ?? throw new NotSupportedException($"There is no table for {kind}; print it as YAML or JSON.");
        var withNamespace = options.AllNamespaces && kind.IsNamespaced();
        var clock = new TableClock(_time.GetUtcNow());
        var table = new TabTable();
        if (!options.NoHeaders)
        {
            var headers = format.Headers(options.Wide);
            table.Add(withNamespace ? ["NAMESPACE", .. headers] : headers);
        }

        foreach (var obj in items)
        {
            var row = format.Row(KubernetesMapper.ToKubernetes(obj), options.Wide, clock);
            table.Add(withNamespace ? [obj.Namespace, .. row] : row);
        }

        return table.ToString();
    }

    /// <summary><c>-o yaml</c> of one object, in API shape.</summary>
    public static string PrintYaml(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Terminated(KubernetesYaml.Serialize(KubernetesMapper.ToKubernetes(obj)));
    }

    /// <summary><c>-o yaml</c> of a listing: a <c>v1 List</c> of the objects, as kubectl prints any listing.</summary>
    public static string PrintYaml(IEnumerable<KubeObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return Terminated(KubernetesYaml.Serialize(new ListShape { Items = [.. objects.Select(o => (object)KubernetesMapper.ToKubernetes(o))] }));
    }

    /// <summary><c>-o json</c> of one object, in API shape, indented by four spaces as kubectl does.</summary>
    public static string PrintJson(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Indent(JsonNode.Parse(KubernetesJson.Serialize(KubernetesMapper.ToKubernetes(obj)))!);
    }

    /// <summary><c>-o json</c> of a listing: a <c>v1 List</c> of the objects.</summary>
    public static string PrintJson(IEnumerable<KubeObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return Indent(ListJson(objects));
    }

    private static JsonObject ListJson(IEnumerable<KubeObject> objects) => new()
    {
        ["apiVersion"] = "v1",
        ["items"] = new JsonArray([.. objects.Select(o => JsonNode.Parse(KubernetesJson.Serialize(KubernetesMapper.ToKubernetes(o))))]),
        ["kind"] = "List",
        ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
    };

    /// <summary>KubernetesYaml leaves the last line open; kubectl ends it.</summary>
    private static string Terminated(string yaml) => yaml.EndsWith('\n') ? yaml : yaml + "\n";

    private static string Indent(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonLayout))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The shape kubectl prints a listing in; serialised by KubernetesYaml like any API object.</summary>
    private sealed class ListShape
    {
        public string ApiVersion { get; } = "v1";

        public IList<object> Items { get; init; } = [];

        public string Kind { get; } = "List";

        public V1ListMeta Metadata { get; } = new() { ResourceVersion = "" };
    }
}
