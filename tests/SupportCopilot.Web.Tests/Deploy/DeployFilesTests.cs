using System.Net;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace SupportCopilot.Web.Tests.Deploy;

/// <summary>
/// No Docker engine or cluster runs here, so the deploy files are checked for what can be checked: they parse, they
/// name only images this repository builds, and their probes hit endpoints the app really serves.
/// </summary>
[Collection(AppCollection.Name)]
public class DeployFilesTests(AppFactory app)
{
    private static readonly string Root = FindRoot();
    private static readonly Dictionary<string, string> ImageDockerfiles = new()
    {
        ["supportcopilot/web"] = "deploy/web.Dockerfile", ["supportcopilot/worker"] = "deploy/worker.Dockerfile", ["supportcopilot/migrate"] = "deploy/migrate.Dockerfile",
    };

    [Fact]
    public void KubernetesManifests_Parse_AndKustomizationListsOnlyFilesThatExist()
    {
        var docs = K8sDocuments().ToList();
        Assert.True(docs.Count >= 8);
        Assert.All(docs, d => Assert.True(d.Node.Children.ContainsKey("kind"), $"{d.File}: a document without kind"));
        var kustomization = Load(Path.Combine(Root, "deploy/k8s/kustomization.yaml")).Single();
        var resources = ((YamlSequenceNode)kustomization["resources"]).Select(r => r.ToString()).ToList();
        Assert.All(resources, r => Assert.True(File.Exists(Path.Combine(Root, "deploy/k8s", r)), $"kustomization names missing {r}"));
        Assert.Contains(docs, d => Kind(d.Node) == "Job");
    }

    [Fact]
    public void EveryImage_IsBuiltByADockerfileHere_WhoseEntryPointProjectExists()
    {
        var images = K8sDocuments().SelectMany(d => Containers(d.Node)).Select(c => c["image"].ToString()).Distinct().ToList();
        var compose = Load(Path.Combine(Root, "deploy/compose.yaml")).Single();
        var composeImages = ((YamlMappingNode)compose["services"]).Select(s => (YamlMappingNode)s.Value)
            .Where(s => s.Children.ContainsKey("build")).Select(s => s["image"].ToString().Split(':')[0]);

        Assert.NotEmpty(images);
        foreach (var image in images.Concat(composeImages))
        {
            Assert.True(ImageDockerfiles.TryGetValue(image, out var dockerfile), $"{image} is not an image this repository builds");
            var text = File.ReadAllText(Path.Combine(Root, dockerfile));
            Assert.Contains("USER $APP_UID", text); // never root
            foreach (var project in System.Text.RegularExpressions.Regex.Matches(text, @"src/(SupportCopilot\.\w+)/\1\.csproj").Select(m => m.Groups[1].Value))
                Assert.True(File.Exists(Path.Combine(Root, "src", project, project + ".csproj")), $"{dockerfile} builds missing {project}");
        }
    }

    [Fact]
    public async Task EveryHttpProbe_HitsAnEndpointTheAppServes()
    {
        var paths = K8sDocuments().SelectMany(d => Containers(d.Node))
            .SelectMany(c => new[] { "livenessProbe", "readinessProbe", "startupProbe" }.Where(p => c.Children.ContainsKey(p)).Select(p => (YamlMappingNode)c[p]))
            .Where(p => p.Children.ContainsKey("httpGet")).Select(p => ((YamlMappingNode)p["httpGet"])["path"].ToString()).Distinct().ToList();
        Assert.Equal(["/health/live", "/health/ready"], paths.Order());
        var client = app.CreateClient();
        foreach (var path in paths) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public void ExecProbesAndHealthchecks_UseTheHealthcheckCommandOfTheirImage()
    {
        var worker = K8sDocuments().SelectMany(d => Containers(d.Node)).Single(c => c["image"].ToString() == "supportcopilot/worker");
        var command = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)worker["livenessProbe"])["exec"])["command"]).Select(n => n.ToString()).ToArray();
        Assert.Equal(["dotnet", "SupportCopilot.Worker.dll", "healthcheck"], command);
        Assert.Contains("""CMD ["dotnet", "SupportCopilot.Worker.dll", "healthcheck"]""", File.ReadAllText(Path.Combine(Root, "deploy/worker.Dockerfile")));
        Assert.Contains("""CMD ["dotnet", "SupportCopilot.Web.dll", "healthcheck"]""", File.ReadAllText(Path.Combine(Root, "deploy/web.Dockerfile")));
    }

    [Fact]
    public void ProductionExample_Parses_AndCoversEveryOptionsSection()
    {
        var config = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "src/SupportCopilot.Web/appsettings.Production.example.json")).Build();
        string[] sections = ["Storage", "Database", "Security", "ForwardedHeaders", "Telemetry", "Workers", "Ingestion", "Search", "Search:Qdrant", "Models:Chat:0",
            "Models:Embedding:0", "Drafting:Pii", "Triage", "Triage:Routing", "Outbox", "Outbox:Smtp", "Outbox:Webhook", "Intake:Imap", "Dashboard"];
        Assert.All(sections, s => Assert.True(config.GetSection(s).Exists(), $"appsettings.Production.example.json lacks {s}"));
        Assert.Equal("", config["Security:BootstrapApiKey"]);
    }

    private static IEnumerable<(string File, YamlMappingNode Node)> K8sDocuments() =>
        Directory.GetFiles(Path.Combine(Root, "deploy/k8s"), "*.yaml").Where(f => !f.EndsWith("kustomization.yaml"))
            .SelectMany(f => Load(f).Select(n => (f, n)));

    private static IEnumerable<YamlMappingNode> Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }

    private static string Kind(YamlMappingNode doc) => doc["kind"].ToString();

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode doc) => Kind(doc) is "Deployment" or "Job"
        ? ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)doc["spec"])["template"])["spec"])["containers"]).Cast<YamlMappingNode>()
        : [];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SupportCopilot.sln"))) return dir.FullName;
        throw new InvalidOperationException("SupportCopilot.sln not found above the test folder.");
    }
}
