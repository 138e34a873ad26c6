using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Knowledge;

public class IngestionPipelineTests
{
    private static byte[] Md(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task Upload_StoresBytesDocumentAndJob_ThenWorkerMakesItReady()
    {
        await using var host = await TestHost.StartAsync();
        var result = await host.Get<KnowledgeUploads>().UploadAsync("guide.md", Md("# Guide\n\nReplace the filter yearly."), "airpure-300 en");

        Assert.Equal((UploadOutcome.Queued, DocumentStatus.Pending), (result.Outcome, result.Status!.Value));
        await using (var db = host.Db())
        {
            var doc = await db.Documents.SingleAsync();
            Assert.Equal(("guide.md", "airpure-300 en", 0), (doc.FileName, doc.Tags, await db.Chunks.CountAsync()));
            Assert.Equal(Md("# Guide\n\nReplace the filter yearly."), (await db.DocumentContents.SingleAsync()).Bytes);
            Assert.Equal(JobStatus.Queued, (await db.IngestionJobs.SingleAsync()).Status);
        }

        await host.Get<IngestionWorker>().DrainAsync();

        await using var after = host.Db();
        var ready = await after.Documents.SingleAsync();
        Assert.Equal((DocumentStatus.Ready, "text/markdown"), (ready.Status, ready.ContentType));
        var chunk = await after.Chunks.SingleAsync();
        Assert.Equal(("Guide", 0, "Replace the filter yearly."), (chunk.HeadingPath, chunk.Ordinal, chunk.Text));
        Assert.Equal((JobStatus.Succeeded, 1), ((await after.IngestionJobs.SingleAsync()).Status, (await after.IngestionJobs.SingleAsync()).Attempts));
    }

    [Fact]
    public async Task Pdf_ChunksKeepTheirPageNumbers()
    {
        await using var host = await TestHost.StartAsync();
        var doc = await host.IngestAsync("manual.pdf", TestFiles.Pdf("Cleaning", "Wipe the sensor.", "Noise", "Humming is normal.", "Reset", "Hold the button."));

        Assert.Equal(3, doc.PageCount);
        Assert.Equal([(1, "Cleaning"), (2, "Noise"), (3, "Reset")],
            doc.Chunks.OrderBy(c => c.Ordinal).Select(c => (c.PageStart!.Value, c.HeadingPath.Split(" > ")[^1])));
    }

    [Fact]
    public async Task Docx_KeepsHeadingsListsAndTables()
    {
        await using var host = await TestHost.StartAsync();
        var doc = await host.IngestAsync("care.docx", TestFiles.Docx());

        Assert.Equal(DocumentStatus.Ready, doc.Status);
        var chunks = doc.Chunks.OrderBy(c => c.Ordinal).ToList();
        Assert.Equal(["Care guide", "Care guide > Monthly"], chunks.Select(c => c.HeadingPath));
        Assert.Equal("- Vacuum the pre-filter\n- Clean the sensor\n\nPart | Interval\nSensor | 3 months", chunks[1].Text);
    }

    [Fact]
    public async Task Reupload_ChangedFileSameName_SwapsChunksOnlyWhenTheNewVersionIsReady()
    {
        await using var host = await TestHost.StartAsync();
        var search = host.Get<Retriever>();
        var v1 = await host.IngestAsync("faq.md", Md("# FAQ\n\nThe warranty lasts two years."));

        var upload = await host.Get<KnowledgeUploads>().UploadAsync("faq.md", Md("# FAQ\n\nThe warranty lasts three years with registration."));

        Assert.Equal((UploadOutcome.Replaced, v1.Id), (upload.Outcome, upload.DocumentId!.Value));
        Assert.Contains("two years", Assert.Single(await search.SearchAsync("warranty years", 5)).Text); // old version until the swap
        await host.Get<IngestionWorker>().DrainAsync();
        var hit = Assert.Single(await search.SearchAsync("warranty years", 5));
        Assert.Contains("three years", hit.Text);
        await using var db = host.Db();
        Assert.Equal((2, 1), ((await db.Documents.SingleAsync()).Version, await db.Chunks.CountAsync()));
    }

    [Fact]
    public async Task Reupload_SameBytesUnderAnyName_CreatesNoWork()
    {
        await using var host = await TestHost.StartAsync();
        await host.IngestAsync("a.md", Md("# A\n\nText."));

        var again = await host.Get<KnowledgeUploads>().UploadAsync("b.md", Md("# A\n\nText."));

        Assert.Equal(UploadOutcome.Duplicate, again.Outcome);
        await using var db = host.Db();
        Assert.Equal((1, 1), (await db.Documents.CountAsync(), await db.IngestionJobs.CountAsync()));
    }

    [Fact]
    public async Task Reprocess_FailedDocument_RunsAgainFromStoredBytes()
    {
        await using var host = await TestHost.StartAsync();
        var doc = await host.IngestAsync("bad.pdf", "%PDF-1.7 broken"u8.ToArray());
        Assert.Equal(DocumentStatus.Failed, doc.Status);

        Assert.True(await host.Get<KnowledgeUploads>().ReprocessAsync(doc.Id));
        await host.Get<IngestionWorker>().DrainAsync();

        await using var db = host.Db();
        Assert.Equal(2, await db.IngestionJobs.CountAsync(j => j.DocumentId == doc.Id && j.Status == JobStatus.Failed));
        Assert.Equal(DocumentStatus.Failed, (await db.Documents.SingleAsync()).Status);
    }

    [Fact]
    public async Task Delete_RemovesDocumentBytesChunksJobsAndIndexEntries()
    {
        await using var host = await TestHost.StartAsync();
        var doc = await host.IngestAsync("guide.md", Md("# Guide\n\nThe moon button dims the lights."));

        Assert.True(await host.Get<KnowledgeUploads>().DeleteAsync(doc.Id));

        await using var db = host.Db();
        Assert.Equal((0, 0, 0, 0), (await db.Documents.CountAsync(), await db.DocumentContents.CountAsync(), await db.Chunks.CountAsync(), await db.IngestionJobs.CountAsync()));
        Assert.Empty(await host.Get<Retriever>().SearchAsync("moon button"));
        Assert.False(await host.Get<KnowledgeUploads>().DeleteAsync(doc.Id));
    }

    [Fact]
    public async Task ExpiredLease_AnotherWorkerFinishes_AndTheDeadWorkerCannotWrite()
    {
        await using var host = await TestHost.StartAsync(settings: new() { ["Ingestion:LeaseSeconds"] = "2" });
        var bytes = TestFiles.Pdf("One", "First page text.", "Two", "Second page text.");
        var upload = await host.Get<KnowledgeUploads>().UploadAsync("m.pdf", bytes);
        var jobs = host.Get<IngestionJobs>();
        var dead = await jobs.ClaimNextAsync("worker-that-dies", CancellationToken.None);
        Assert.NotNull(dead);
        Assert.Null(await jobs.ClaimNextAsync("second-worker", CancellationToken.None)); // leased: nobody else gets it

        await using (var db = host.Db()) // the lease runs out: the first worker was killed
            await db.IngestionJobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, DateTime.UtcNow.AddSeconds(-1)));
        await host.Get<IngestionWorker>().DrainAsync();

        await using var check = host.Db();
        Assert.False(await jobs.CompleteAsync(check, dead, "worker-that-dies", null, CancellationToken.None));
        var job = await check.IngestionJobs.SingleAsync();
        Assert.Equal((JobStatus.Succeeded, 2), (job.Status, job.Attempts));
        Assert.Equal([1, 2], await check.Chunks.Where(c => c.DocumentId == upload.DocumentId).OrderBy(c => c.Ordinal).Select(c => c.PageStart!.Value).ToListAsync());
    }

    [Fact]
    public async Task TwoWorkersDrainingTogether_ProcessEveryJobExactlyOnce()
    {
        await using var host = await TestHost.StartAsync();
        var uploads = host.Get<KnowledgeUploads>();
        for (var i = 0; i < 30; i++) await uploads.UploadAsync($"doc{i}.md", Md($"# Doc {i}\n\nUnique text number {i}."));
        var jobs = host.Get<IngestionJobs>();
        var processor = host.Get<IngestionProcessor>();

        async Task Drain(string owner)
        {
            while (await jobs.ClaimNextAsync(owner, CancellationToken.None) is { } job) await processor.ProcessAsync(job, owner, CancellationToken.None);
        }
        await Task.WhenAll(Task.Run(() => Drain("w1")), Task.Run(() => Drain("w2")));

        await using var db = host.Db();
        Assert.All(await db.IngestionJobs.ToListAsync(), j => Assert.Equal((JobStatus.Succeeded, 1), (j.Status, j.Attempts)));
        Assert.Equal(30, await db.Chunks.CountAsync());
    }
}
