using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using SupportCopilot.Web.Platform;

namespace SupportCopilot.Web.Tests.Platform;

[Collection(AppCollection.Name)]
public class ProductionSafetyTests(AppFactory app)
{
    [Fact]
    public async Task DemoUsersAndBootstrapKey_AreProblems_AndTheKeyRingIsInTheDatabase()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Security:BootstrapApiKey"] = "x" }).Build();

        var problems = await ProductionSafety.ProblemsAsync(app.Services, config);

        Assert.Contains(problems, p => p.Contains("Demo user agent@demo.local"));
        Assert.Contains(problems, p => p.Contains("Security:BootstrapApiKey"));
        Assert.DoesNotContain(problems, p => p.Contains("data-protection"));
        await using var db = app.Db();
        Assert.NotEmpty(db.DataProtectionKeys); // sign-in cookies of every instance are protected by these rows
    }

    [Theory]
    [InlineData("/srv/data", "nfs4")]
    [InlineData("/srv/data/sub", "nfs4")]
    [InlineData("/var/lib/app", "ext4")]
    public void FileSystemOf_PicksTheLongestMatchingMount(string path, string expected)
    {
        var mounts = Path.GetTempFileName();
        File.WriteAllLines(mounts, ["/dev/vda / ext4 rw 0 0", "server:/export /srv nfs4 rw 0 0", "/dev/vdb /var/lib ext4 rw 0 0"]);
        try { Assert.Equal(expected, ProductionSafety.FileSystemOf(path, mounts)); }
        finally { File.Delete(mounts); }
    }

    [Fact]
    public async Task RealProcess_InProduction_WithBootstrapKey_RefusesToStartAndSaysWhy()
    {
        var data = Path.Combine(Path.GetTempPath(), "sc-prod-" + Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SupportCopilot.Web.dll")])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Storage__DataDirectory"] = data;
        psi.Environment["Security__BootstrapApiKey"] = "production-bootstrap-key-0123456789";
        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(60_000);
        if (!exited) process.Kill(entireProcessTree: true);
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }

        Assert.True(exited, "the app should refuse to start, not serve");
        Assert.Equal(3, process.ExitCode);
        Assert.Contains("Security:BootstrapApiKey is set", await stderr);
    }
}
