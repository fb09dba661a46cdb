using System.Net;

namespace RoutingCore.Sockets;

/// <summary>
/// The flows of one UDP listener: client → flow, bounded. The receive loop looks flows up and adds them; the sweeper
/// and table changes remove them; a short lock guards the dictionary because those run on different threads.
/// </summary>
internal sealed class UdpFlowTable(int capacity)
{
    private readonly Dictionary<FlowKey, UdpFlow> _flows = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _flows.Count;
            }
        }
    }

    public UdpFlow? Find(SocketAddress client)
    {
        var key = FlowKey.From(client);
        lock (_gate)
        {
            return _flows.TryGetValue(key, out var flow) && !flow.IsClosed ? flow : null;
        }
    }

    /// <summary>Adds a flow unless the table is full (closed flows still listed are removed first).</summary>
    public bool TryAdd(UdpFlow flow)
    {
        lock (_gate)
        {
            if (_flows.Count >= capacity)
            {
                foreach (var stale in _flows.Values.Where(f => f.IsClosed).ToList())
                {
                    _flows.Remove(stale.Key);
                }
            }

            if (_flows.Count >= capacity)
            {
                return false;
            }

            _flows[flow.Key] = flow;
            return true;
        }
    }

    public void Remove(UdpFlow flow)
    {
        lock (_gate)
        {
            if (_flows.TryGetValue(flow.Key, out var current) && ReferenceEquals(current, flow))
            {
                _flows.Remove(flow.Key);
            }
        }
    }

    /// <summary>Removes and returns the flows matching <paramref name="predicate"/>.</summary>
    public List<UdpFlow> RemoveWhere(Func<UdpFlow, bool> predicate)
    {
        lock (_gate)
        {
            var removed = _flows.Values.Where(predicate).ToList();
            foreach (var flow in removed)
            {
                _flows.Remove(flow.Key);
            }

            return removed;
        }
    }
}
