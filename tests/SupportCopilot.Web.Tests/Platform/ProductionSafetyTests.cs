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
    public async Task RealProcess_InProduction_WithBootstrapKey_RefusesToStart_SaysWhy_AndStoresNoKey()
    {
        var data = Path.Combine(Path.GetTempPath(), "sc-prod-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, _, stderr) = await RunWebAsync(data, "Production", [], ("Security__BootstrapApiKey", "production-bootstrap-key-0123456789"));

            Assert.Equal(3, exit);
            Assert.Contains("Security:BootstrapApiKey is set", stderr);
            // Issue 21.5: the refused key had been stored with every scope and worked after a restart without it.
            Assert.Equal(0L, Scalar(data, "SELECT COUNT(*) FROM ApiKeys"));
        }
        finally { TryDelete(data); }
    }

    [Fact]
    public async Task RealProcess_DeleteUserAndRevokeApiKey_LeaveNothingThatRefusesProduction()
    {
        var data = Path.Combine(Path.GetTempPath(), "sc-cmd-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Development stores the demo users and the bootstrap key; the commands then remove what Production refuses.
            var key = ("Security__BootstrapApiKey", "development-bootstrap-key-0123456789");
            var (deleted, output, _) = await RunWebAsync(data, "Development", ["delete-user", "--email", "agent@demo.local"], key);
            Assert.Equal((0, true), (deleted, output.Contains("Deleted user agent@demo.local")));
            Assert.Equal(0L, Scalar(data, "SELECT COUNT(*) FROM AspNetUsers WHERE Email = 'agent@demo.local'"));
            Assert.Equal(1L, Scalar(data, "SELECT COUNT(*) FROM ApiKeys WHERE RevokedAt IS NULL"));

            var (revoked, said, _) = await RunWebAsync(data, "Production", ["revoke-api-key", "--name", "bootstrap"]);
            Assert.Equal((0, true), (revoked, said.Contains("Revoked 1")));
            Assert.Equal(0L, Scalar(data, "SELECT COUNT(*) FROM ApiKeys WHERE RevokedAt IS NULL"));

            var (again, _, error) = await RunWebAsync(data, "Production", ["delete-user", "--email", "agent@demo.local"]);
            Assert.Equal((1, true), (again, error.Contains("No user has the e-mail agent@demo.local")));
        }
        finally { TryDelete(data); }
    }

    [Fact]
    public async Task RealProcess_WithAnInvalidSetting_ExitsWithCode4_AndNamesTheSetting()
    {
        // Issue 21.15: a bad setting aborted with exit 134 and only a stack trace.
        var data = Path.Combine(Path.GetTempPath(), "sc-bad-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, _, stderr) = await RunWebAsync(data, "Production", [], ("Outbox__LeaseSeconds", "1"));

            Assert.Equal(SupportCopilot.Core.Platform.InvalidSettings.ExitCode, exit);
            Assert.Contains("Invalid settings (OutboxOptions)", stderr);
            Assert.Contains("LeaseSeconds", stderr);
        }
        finally { TryDelete(data); }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunWebAsync(string data, string environment, string[] args, params (string, string)[] env)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SupportCopilot.Web.dll"), .. args])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        psi.Environment["Storage__DataDirectory"] = data;
        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        psi.Environment["Samples__Seed"] = "false";
        psi.Environment["Models__Embedding__0__Provider"] = "None";
        foreach (var (name, value) in env) psi.Environment[name] = value;
        using var process = Process.Start(psi)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        var exited = process.WaitForExit(90_000);
        if (!exited) process.Kill(entireProcessTree: true);
        Assert.True(exited, "the command should end, not serve");
        return (process.ExitCode, await stdout, await stderr);
    }

    private static long Scalar(string data, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "supportcopilot.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void TryDelete(string data)
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}
