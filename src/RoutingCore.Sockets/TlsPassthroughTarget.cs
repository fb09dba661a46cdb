using System.Globalization;
using System.Net;
using RoutingCore.Model;

namespace RoutingCore.Sockets;

/// <summary>
/// Where a TLS passthrough connection goes: a Service port (its endpoints chosen as for ClusterIP traffic, with
/// retries) or a fixed address (for example the local port of an L7 listener that terminates TLS itself).
/// </summary>
public sealed class TlsPassthroughTarget
{
    private TlsPassthroughTarget(string? @namespace, string? service, ServiceBackendPort? port, IPEndPoint? endPoint)
    {
        Namespace = @namespace;
        Service = service;
        Port = port;
        EndPoint = endPoint;
        Label = endPoint is not null ? endPoint.ToString() : $"{@namespace}/{service}";
        PortLabel = endPoint is not null
            ? endPoint.Port.ToString(CultureInfo.InvariantCulture)
            : port!.Name is { Length: > 0 } name ? name : port.Number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The Service's namespace, for a Service target.</summary>
    public string? Namespace { get; }

    /// <summary>The Service's name, for a Service target.</summary>
    public string? Service { get; }

    /// <summary>The ServicePort by name or number, for a Service target.</summary>
    public ServiceBackendPort? Port { get; }

    /// <summary>The fixed address, for an address target.</summary>
    public IPEndPoint? EndPoint { get; }

    /// <summary>The metric tag of the target: <c>namespace/name</c>, or the address.</summary>
    internal string Label { get; }

    /// <summary>The port tag of the target.</summary>
    internal string PortLabel { get; }

    /// <summary>A Service port, by number or name.</summary>
    /// <param name="namespace">The Service's namespace.</param>
    /// <param name="service">The Service's name.</param>
    /// <param name="port">The ServicePort: <see cref="ServiceBackendPort.Name"/> when set, else <see cref="ServiceBackendPort.Number"/>.</param>
    public static TlsPassthroughTarget ToService(string @namespace, string service, ServiceBackendPort port)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentNullException.ThrowIfNull(port);
        return new(@namespace, service, port, null);
    }

    /// <summary>A fixed address.</summary>
    /// <param name="endPoint">Where to connect.</param>
    public static TlsPassthroughTarget ToEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return new(null, null, null, endPoint);
    }

    /// <summary><c>service shop/web:https</c> or <c>127.0.0.1:8443</c>.</summary>
    public override string ToString() => EndPoint is not null ? Label : $"service {Label}:{PortLabel}";
}
