using System.Net;
using L4Bench;
using RoutingCore.Sockets;

// L4Bench backend <ip>                  sink on <ip>:9001 (reads to EOF, answers one byte), short on <ip>:9002 (one byte, close)
// L4Bench proxy <backend-ip> <vip> [auto|epoll|sockets]
//                                       RoutingCore ServiceProxy on that TCP transport (default auto): Service
//                                       ClusterIP <vip> ports 9001/9002 -> backend
// L4Bench throughput <ip:port> <MiB>    one stream uploading <MiB>; prints MB/s
// L4Bench rate <ip:port> <seconds> <n>  <n> workers opening short connections; prints connections/s
// L4Bench wait <ip:port>                returns once something accepts there
return args switch
{
    ["backend", var ip] => await Backend.RunAsync(IPAddress.Parse(ip)),
    ["proxy", var backend, var vip] => await ProxyHost.RunAsync(IPAddress.Parse(backend), IPAddress.Parse(vip), TcpTransport.Auto),
    ["proxy", var backend, var vip, var transport] => await ProxyHost.RunAsync(IPAddress.Parse(backend), IPAddress.Parse(vip), Enum.Parse<TcpTransport>(transport, ignoreCase: true)),
    ["throughput", var target, var mib] => await LoadClient.ThroughputAsync(IPEndPoint.Parse(target), int.Parse(mib)),
    ["rate", var target, var seconds, var workers] => await LoadClient.RateAsync(IPEndPoint.Parse(target), int.Parse(seconds), int.Parse(workers)),
    ["wait", var target] => await LoadClient.WaitAsync(IPEndPoint.Parse(target)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: L4Bench backend <ip> | proxy <backend-ip> <vip> [auto|epoll|sockets] | throughput <ip:port> <MiB> | rate <ip:port> <seconds> <workers> | wait <ip:port>");
    return 2;
}
