using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SupportCopilot.Benchmarks;

/// <summary>The Release web app as its own process on a free loopback port, for the benchmarks that drive it over HTTP.</summary>
internal static class WebProcess
{
    public static string ReleaseDll() => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory,
        "../../../../../src/SupportCopilot.Web/bin/Release/net10.0/SupportCopilot.Web.dll"));

    public static Process Start(string dll, string data, int port, string key, params (string Key, string Value)[] settings)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build it first: dotnet build -c Release src/SupportCopilot.Web ({dll})");
        var psi = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["Storage__DataDirectory"] = data;
        psi.Environment["Security__BootstrapApiKey"] = key;
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in settings) psi.Environment[k] = v;
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    public static async Task WaitReadyAsync(HttpClient api)
    {
        for (var i = 0; i < 240; i++)
        {
            try { if ((await api.GetAsync("/health/ready")).IsSuccessStatusCode) return; } catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The web app did not become ready.");
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
