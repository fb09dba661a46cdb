using System.Net;
using System.Net.Sockets;
using RoutingCore.Proxying;
using RoutingCore.Sockets.Epoll;

namespace RoutingCore.Sockets;

/// <summary>
/// The listeners of a <see cref="ServiceProxy"/>, one per (transport, address, port) the table wants: every frontend,
/// and every health-check node port (PX-11). Reconciling with a new table is a set difference: listeners no longer
/// wanted stop (their connections continue), wanted ones not open yet are opened, all others are left alone. A bind
/// that fails is remembered with its fault and tried again at every later table; the fault is reported again only if
/// it changes. Not thread-safe: the proxy calls it under its gate.
/// </summary>
internal sealed class ListenerSet(ServiceProxy proxy)
{
    private readonly Dictionary<(ProxyProtocol, IPEndPoint), IServiceListener> _listeners = [];
    private readonly Dictionary<(ProxyProtocol, IPEndPoint), ListenerFault> _faults = [];

    public IEnumerable<IServiceListener> Listeners => _listeners.Values;

    public IEnumerable<ListenerFault> Faults => _faults.Values;

    /// <summary>Brings the listeners in line with <paramref name="table"/>; returns the faults to report.</summary>
    public List<ListenerFault> Apply(ProxyTable table)
    {
        var wanted = new Dictionary<(ProxyProtocol, IPEndPoint), Func<IServiceListener>>();
        foreach (var frontend in table.Frontends)
        {
            var service = frontend.ServicePort.ToString();
            wanted[(frontend.Protocol, frontend.EndPoint)] = (frontend.Protocol, proxy.Epoll) switch
            {
                (ProxyProtocol.Tcp, { } epoll) => () => new EpollTcpListener(proxy, epoll, frontend.EndPoint, service),
                (ProxyProtocol.Tcp, null) => () => new TcpServiceListener(proxy, frontend.EndPoint, service),
                _ => () => new UdpServiceListener(proxy, frontend.EndPoint, service),
            };
        }

        foreach (var check in table.HealthChecks)
        {
            wanted.TryAdd((ProxyProtocol.Tcp, check.EndPoint), () => new HealthCheckListener(proxy, check.EndPoint,
                $"{check.Service.Metadata.Namespace}/{check.Service.Metadata.Name} health check"));
        }

        foreach (var (key, listener) in _listeners.Where(entry => !wanted.ContainsKey(entry.Key)).ToList())
        {
            listener.Stop();
            _listeners.Remove(key);
        }

        foreach (var key in _faults.Keys.Where(key => !wanted.ContainsKey(key)).ToList())
        {
            _faults.Remove(key);
        }

        var reports = new List<ListenerFault>();
        foreach (var (key, create) in wanted)
        {
            if (!_listeners.ContainsKey(key) && Open(key, create()) is { } fault)
            {
                reports.Add(fault);
            }
        }

        foreach (var listener in _listeners.Values)
        {
            listener.ApplyTable(table);
        }

        return reports;
    }

    public void Sweep(long now)
    {
        foreach (var listener in _listeners.Values)
        {
            listener.Sweep(now);
        }
    }

    public void StopAll()
    {
        foreach (var listener in _listeners.Values)
        {
            listener.Stop();
        }

        _listeners.Clear();
    }

    /// <summary>Opens <paramref name="listener"/>; the fault to report when the bind fails with a new error.</summary>
    private ListenerFault? Open((ProxyProtocol, IPEndPoint) key, IServiceListener listener)
    {
        try
        {
            listener.Start();
            _listeners[key] = listener;
            _faults.Remove(key);
            return null;
        }
        catch (SocketException error)
        {
            var fault = ListenSockets.Fault(listener.Service, key.Item2, key.Item1, error);
            if (_faults.TryGetValue(key, out var previous) && previous.Error == fault.Error && previous.Service == fault.Service)
            {
                return null;
            }

            _faults[key] = fault;
            return fault;
        }
    }
}
