using System.Collections.Specialized;
using System.Net;
using System.Net.Sockets;

namespace SupportCopilot.Core.Tests;

/// <summary>A free TCP port on loopback, for the real servers and listeners tests start.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>A real HTTP listener on loopback that records every request (path, headers, body) and answers with a fixed status.</summary>
public sealed class LoopbackHttpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, NameValueCollection Headers, byte[] Body)> _requests = [];
    public string Url { get; }

    public LoopbackHttpReceiver(HttpStatusCode status = HttpStatusCode.OK, string path = "/", string? contentType = null)
    {
        Url = $"http://127.0.0.1:{FreePort.Next()}{path}";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await _listener.GetContextAsync(); } catch (Exception) { return; }
                using var ms = new MemoryStream();
                await ctx.Request.InputStream.CopyToAsync(ms);
                lock (_requests) _requests.Add((ctx.Request.Url!.AbsolutePath, ctx.Request.Headers, ms.ToArray()));
                ctx.Response.StatusCode = (int)status;
                if (contentType is not null) ctx.Response.ContentType = contentType;
                ctx.Response.Close();
            }
        });
    }

    public IReadOnlyList<(string Path, NameValueCollection Headers, byte[] Body)> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    public void Dispose() => _listener.Close();
}
