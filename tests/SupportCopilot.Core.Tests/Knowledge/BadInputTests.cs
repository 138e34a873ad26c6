using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Knowledge;

/// <summary>Every bad input ends with a readable reason and disturbs nothing else.</summary>
public class BadInputTests
{
    private const string GoodMarkdown = "# Good\n\nThis document must stay searchable whatever else is uploaded.";

    private static async Task<TestHost> HostWithGoodDocumentAsync(Dictionary<string, string?>? settings = null)
    {
        var host = await TestHost.StartAsync(settings: settings);
        await host.IngestAsync("good.md", Encoding.UTF8.GetBytes(GoodMarkdown));
        return host;
    }

    private static async Task AssertGoodDocumentUntouchedAsync(TestHost host)
    {
        var hit = Assert.Single(await host.Get<Retriever>().SearchAsync("document searchable"));
        Assert.Equal("good.md", hit.FileName);
    }

    public static TheoryData<string, byte[], string> FailingFiles => new()
    {
        { "corrupt.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"u8.ToArray(), "could not be read" },
        { "scanned.pdf", TestFiles.PdfWithoutText(2), "no extractable text" },
        { "no-font.pdf", TestFiles.PdfWithFonts((null, "Hold the Filter button for five seconds.")), "fonts the file neither contains nor describes" },
        { "bare-truetype.pdf", TestFiles.PdfWithFonts(("<< /Type /Font /Subtype /TrueType /BaseFont /Mystery >>", "Hold the Filter button for five seconds.")),
            "fonts the file neither contains nor describes" },
        { "bomb.docx", TestFiles.ZipBomb(), "zip bomb" },
        { "fake.docx", [(byte)'P', (byte)'K', 3, 4, 1, 2, 3], "not a valid ZIP" },
        { "blank.md", "  \n\n "u8.ToArray(), "contains no text" },
    };

    [Theory]
    [MemberData(nameof(FailingFiles))]
    public async Task BrokenFile_EndsFailedWithReason_AndNothingElseIsDisturbed(string name, byte[] bytes, string reason)
    {
        await using var host = await HostWithGoodDocumentAsync();

        var doc = await host.IngestAsync(name, bytes);

        Assert.Equal(DocumentStatus.Failed, doc.Status);
        Assert.Contains(reason, doc.FailureReason);
        Assert.Empty(doc.Chunks);
        await using var db = host.Db();
        Assert.Equal(JobStatus.Failed, (await db.IngestionJobs.SingleAsync(j => j.DocumentId == doc.Id)).Status);
        Assert.Equal(1, (await db.IngestionJobs.SingleAsync(j => j.DocumentId == doc.Id)).Attempts); // permanent: no pointless retries
        await AssertGoodDocumentUntouchedAsync(host);
    }

    [Fact]
    public async Task APageInAMissingFont_IsLeftOut_AndTheRestOfThePdfIsIndexed()
    {
        await using var host = await HostWithGoodDocumentAsync();
        var bytes = TestFiles.PdfWithFonts(
            (TestFiles.Helvetica, "To reset the filter indicator hold the Filter button for five seconds."),
            (null, "This page names a font the file does not hold."),
            ("<< /Type /Font /Subtype /Type1 /BaseFont /NoSuchFontAnywhere >>", "Unplug the purifier and wait ten seconds before a restart."));

        var doc = await host.IngestAsync("partly-broken.pdf", bytes);

        Assert.Equal(DocumentStatus.Ready, doc.Status);
        var text = string.Join("\n", doc.Chunks.Select(c => c.Text));
        Assert.Contains("hold the Filter button for five seconds", text); // a standard font
        Assert.Contains("wait ten seconds", text); // an unknown font without widths: read with standard metrics
        Assert.DoesNotContain("names a font", text);
        await AssertGoodDocumentUntouchedAsync(host);
    }

    [Fact]
    public async Task EncryptedPdf_EndsFailedAskingForAnUnprotectedCopy()
    {
        await using var host = await HostWithGoodDocumentAsync();
        var doc = await host.IngestAsync("secret.pdf", TestFiles.EncryptedPdf());

        Assert.Equal((DocumentStatus.Failed, "The PDF is encrypted; upload an unprotected copy."), (doc.Status, doc.FailureReason));
        await AssertGoodDocumentUntouchedAsync(host);
    }

    public static TheoryData<string, byte[], string> RefusedFiles => new()
    {
        { "empty.pdf", [], "The file is empty." },
        { "photo.md", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A], "PNG image files are not supported" },
        { "setup.txt", "MZ\x90\0\x03"u8.ToArray(), "Executable files are not supported" },
        { "data.bin", [1, 2, 0, 4, 5], "looks binary" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task UnsupportedFile_IsRefusedAtUpload_AndNothingIsStored(string name, byte[] bytes, string reason)
    {
        await using var host = await HostWithGoodDocumentAsync();

        var result = await host.Get<KnowledgeUploads>().UploadAsync(name, bytes);

        Assert.Equal(UploadOutcome.Refused, result.Outcome);
        Assert.Contains(reason, result.Error);
        await using var db = host.Db();
        Assert.Equal((1, 1), (await db.Documents.CountAsync(), await db.IngestionJobs.CountAsync()));
    }

    [Fact]
    public async Task OversizedFile_IsRefusedAtUploadWithTheLimit()
    {
        await using var host = await HostWithGoodDocumentAsync(new() { ["Ingestion:MaxUploadBytes"] = "2048" });

        var result = await host.Get<KnowledgeUploads>().UploadAsync("big.md", Encoding.UTF8.GetBytes("# Big\n\n" + new string('x', 3000)));

        Assert.Equal(UploadOutcome.Refused, result.Outcome);
        Assert.Contains("upload limit", result.Error);
        await using var db = host.Db();
        Assert.Equal(1, await db.Documents.CountAsync());
    }

    [Theory]
    [InlineData("../../etc/passwd.md", "passwd.md")]
    [InlineData("..\\..\\windows\\win.ini.txt", "win.ini.txt")]
    [InlineData("/abs/path/guide.md", "guide.md")]
    [InlineData("bad<>:\"|?*name.md", "bad_______name.md")]
    [InlineData("report\u202Edm.exe", "reportdm.exe")] // right-to-left override: would display as "reportexe.md"
    [InlineData("a\u200Bb\u2066c.md", "abc.md")]
    [InlineData("...", "document")]
    [InlineData("", "document")]
    public async Task PathTraversalNames_AreStoredAsPlainFileNames(string name, string stored)
    {
        await using var host = await TestHost.StartAsync();

        var result = await host.Get<KnowledgeUploads>().UploadAsync(name, Encoding.UTF8.GetBytes("# T\n\nText " + name));

        await using var db = host.Db();
        Assert.Equal(stored, (await db.Documents.SingleAsync(d => d.Id == result.DocumentId)).FileName);
        Assert.False(Directory.EnumerateFiles(host.DataDirectory, "*passwd*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task HtmlWithScripts_KeepsOnlyTheVisibleText()
    {
        await using var host = await TestHost.StartAsync();
        var html = "<html><head><script>steal()</script><style>p{}</style></head><body><h1>Help</h1>"
                 + "<p onclick=\"steal()\">Visible <img src=x onerror=\"steal()\"> text.</p><script>document.write('x')</script></body></html>";

        var doc = await host.IngestAsync("page.html", Encoding.UTF8.GetBytes(html));

        var chunk = Assert.Single(doc.Chunks);
        Assert.Equal("Visible text.", chunk.Text);
        Assert.DoesNotContain("steal", chunk.Text);
    }

    [Fact]
    public async Task SlowExtraction_IsStoppedByTheTimeLimit()
    {
        // 3,000 pages cannot be read in a millisecond: the limit, not the machine's speed, decides.
        var pages = Enumerable.Range(1, 3000).SelectMany(i => new[] { $"Page {i}", $"Text of page {i} about filters and sensors." }).ToArray();
        await using var host = await TestHost.StartAsync(settings: new() { ["Ingestion:DocumentTimeoutSeconds"] = "0.001" });

        var doc = await host.IngestAsync("huge.pdf", TestFiles.Pdf(pages));

        Assert.Equal(DocumentStatus.Failed, doc.Status);
        Assert.Contains("longer than 0.001 s", doc.FailureReason);
    }

    [Fact]
    public async Task MutatedPdfAndDocx_NeverCrashOrHangTheWorker()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Ingestion:DocumentTimeoutSeconds"] = "10" });
        var sources = new[] { ("m.pdf", TestFiles.Pdf("Title", "Some body text.", "Second", "More text.")), ("m.docx", TestFiles.Docx()) };
        var random = new Random(20261123); // fixed seed: a failure reproduces
        var uploads = host.Get<KnowledgeUploads>();
        var count = 0;
        foreach (var (name, original) in sources)
        {
            for (var i = 0; i < 60; i++)
            {
                var bytes = (byte[])original.Clone();
                for (var m = 0; m < 1 + random.Next(8); m++) bytes[4 + random.Next(bytes.Length - 4)] = (byte)random.Next(256); // keep the magic
                var r = await uploads.UploadAsync($"{i}-{name}", bytes);
                if (r.Outcome != UploadOutcome.Duplicate) count++;
            }
        }

        await host.Get<IngestionWorker>().DrainAsync();

        await using var db = host.Db();
        var statuses = await db.Documents.Select(d => new { d.Status, d.FailureReason }).ToListAsync();
        Assert.Equal(count, statuses.Count);
        Assert.All(statuses, s => Assert.True(s.Status == DocumentStatus.Ready || (s.Status == DocumentStatus.Failed && s.FailureReason!.Length > 0)));
        Assert.All(await db.IngestionJobs.ToListAsync(), j => Assert.Contains(j.Status, new[] { JobStatus.Succeeded, JobStatus.Failed }));
    }
}
