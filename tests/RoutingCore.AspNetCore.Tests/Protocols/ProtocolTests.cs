using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using RoutingCore.AspNetCore.Tests.Infrastructure;
using RoutingCore.Model;
using static RoutingCore.AspNetCore.Tests.Infrastructure.Cluster;

namespace RoutingCore.AspNetCore.Tests.Protocols;

/// <summary>WebSockets, HTTP/2 with h2c backends and trailers, streamed bodies (issue 6 item 2).</summary>
public sealed class ProtocolTests
{
    [Fact]
    public async Task WebSocketEchoThroughTheProxy()
    {
        await using var backend = await TestBackend.StartAsync("ws", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, CancellationToken.None);
            }
        }, configure: app => app.UseWebSockets());
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([.. ServiceWith("ws", backend.Port), Ingress("i", [Rule(null, Path(PathTypes.Prefix, "/ws", "ws"))])]);
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{proxy.HttpPort}/ws/echo"), timeout.Token);
        var echoes = new List<string>();
        foreach (var text in (string[])["hello", "über", new string('x', 900)])
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            echoes.Add(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        Assert.Equal(["hello", "über", new string('x', 900)], echoes);
        Assert.Equal("bye", socket.CloseStatusDescription);
    }

    [Fact]
    public async Task GrpcStyleHttp2RoundTripWithTrailersOverH2cBackend()
    {
        await using var backend = await TestBackend.StartAsync("grpc", async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Response.ContentType = "application/grpc";
            context.Response.DeclareTrailer("grpc-status");
            await context.Response.WriteAsync($"{context.Request.Protocol} {body}");
            context.Response.AppendTrailer("grpc-status", "0");
            context.Response.AppendTrailer("grpc-message", "fine");
        }, HttpProtocols.Http2);
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([
            .. ServiceWith("grpc", backend.Port),
            Ingress("i", [Rule("g.example", Path(PathTypes.Prefix, "/", "grpc"))], annotations: [("backend-protocol", "GRPC")]),
        ]);
        using var client = proxy.Client(HttpVersion.Version20);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://g.example/pkg.Service/Call") { Content = new StringContent("ping"), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Content.Headers.ContentType = new("application/grpc");

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("HTTP/2 ping", text);
        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
        Assert.Equal("fine", Assert.Single(response.TrailingHeaders.GetValues("grpc-message")));
        Assert.Equal("HTTP/2", Assert.Single(backend.Seen).Protocol);
    }

    [Fact]
    public async Task HundredMegabyteBodiesStreamEachWayWithMatchingHashes()
    {
        const long size = 100L * 1024 * 1024;
        string? uploadHash = null;
        await using var backend = await TestBackend.StartAsync("big", async context =>
        {
            uploadHash = Convert.ToHexString(await SHA256.HashDataAsync(context.Request.Body));
            context.Response.ContentLength = size;
            await PatternStream.CopyToAsync(context.Response.Body, size, seed: 2);
        });
        await using var proxy = await ProxyHost.StartAsync();
        proxy.Apply([
            .. ServiceWith("big", backend.Port),
            Ingress("i", [Rule("big.example", Path(PathTypes.Prefix, "/", "big"))], annotations: [("proxy-body-size", "0")]),
        ]);
        using var client = proxy.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://big.example/upload") { Content = new PatternContent(size, seed: 1) };

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var downloadHash = Convert.ToHexString(await SHA256.HashDataAsync(await response.Content.ReadAsStreamAsync()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await PatternStream.HashAsync(size, seed: 1), uploadHash);
        Assert.Equal(await PatternStream.HashAsync(size, seed: 2), downloadHash);
    }
}
