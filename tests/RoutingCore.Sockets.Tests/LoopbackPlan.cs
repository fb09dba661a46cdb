using System.Net;

namespace RoutingCore.Sockets.Tests;

/// <summary>
/// A distinct loopback address plan per test, so tests running in parallel never bind the same address: for plan
/// number B, pods in 127.B.1.0/24, Services in 127.B.2.0/24, the LoadBalancer pool 127.B.3.0/24, nodes at 127.B.4.1
/// and 127.B.4.2, allowed clients in 127.B.8.0/24 and other clients in 127.B.9.0/24.
/// </summary>
internal sealed class LoopbackPlan
{
    private static int s_next = 99;

    private LoopbackPlan(int octet) => Octet = octet;

    public int Octet { get; }

    public string PodCidr => $"127.{Octet}.1.0/24";

    public string ServiceCidr => $"127.{Octet}.2.0/24";

    public string LoadBalancerPool => $"127.{Octet}.3.0/24";

    public IPAddress Node1 => IPAddress.Parse($"127.{Octet}.4.1");

    public IPAddress Node2 => IPAddress.Parse($"127.{Octet}.4.2");

    public static LoopbackPlan Next()
    {
        var octet = Interlocked.Increment(ref s_next);
        if (octet > 254)
        {
            throw new InvalidOperationException("More loopback plans than /16s in 127.100-254.");
        }

        return new LoopbackPlan(octet);
    }

    public string Pod(int i) => $"127.{Octet}.1.{i}";

    public IPAddress ServiceIP(int i) => IPAddress.Parse($"127.{Octet}.2.{i}");

    public IPAddress Allowed(int i) => IPAddress.Parse($"127.{Octet}.8.{i}");

    public IPAddress Client(int i) => IPAddress.Parse($"127.{Octet}.9.{i}");
}
