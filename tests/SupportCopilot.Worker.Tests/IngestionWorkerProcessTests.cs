using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Knowledge;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SupportCopilot.Worker.Tests;

/// <summary>Scale-out ingestion: worker processes share one database, survive being killed, never double-process.</summary>
public class IngestionWorkerProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task WorkerKilledMidJob_AnotherFinishes_ChunksExactlyAsACleanRun()
    {
        await using var h = await WorkerHarness.StartAsync();
        var docs = Enumerable.Range(0, 4).Select(i => ($"manual-{i}.pdf", BigPdf(i, pages: 2500))).ToList();
        foreach (var (name, bytes) in docs) await h.Get<KnowledgeUploads>().UploadAsync(name, bytes);

        var first = h.StartWorker(("Ingestion__LeaseSeconds", "3"), ("Workers__Outbox", "false"));
        Assert.True(await h.WaitUntilAsync(db => db.IngestionJobs.AnyAsync(j => j.Status == JobStatus.Running), Patience, pollMs: 5), "no job started");
        first.Kill(entireProcessTree: true); // mid-job: its lease is left behind
        await first.WaitForExitAsync();
        await using (var db = h.Db())
            Assert.True(await db.IngestionJobs.AnyAsync(j => j.Status == JobStatus.Running), "the kill came after the job had finished");

        h.StartWorker(("Ingestion__LeaseSeconds", "3"), ("Workers__Outbox", "false"));
        Assert.True(await h.WaitUntilAsync(db => db.IngestionJobs.AllAsync(j => j.Status == JobStatus.Succeeded), Patience), "jobs did not finish");

        await using var check = h.Db();
        Assert.Contains(await check.IngestionJobs.ToListAsync(), j => j.Attempts == 2); // the job the dead worker held
        foreach (var (name, bytes) in docs)
        {
            var expected = Chunker.Split(TextExtractor.Extract(name, bytes).Sections);
            var stored = await check.Chunks.Where(c => c.Document!.FileName == name).OrderBy(c => c.Ordinal).ToListAsync();
            Assert.Equal(expected.Select(c => (c.Text, c.Page)), stored.Select(c => (c.Text, c.PageStart)));
        }
    }

    [Fact]
    public async Task TwoWorkerProcesses_ShareTheQueue_NoJobProcessedTwice()
    {
        await using var h = await WorkerHarness.StartAsync();
        var expectedChunks = 0;
        for (var i = 0; i < 12; i++)
        {
            var bytes = BigPdf(i, pages: 300);
            expectedChunks += Chunker.Split(TextExtractor.Extract("x.pdf", bytes).Sections).Count;
            await h.Get<KnowledgeUploads>().UploadAsync($"doc-{i}.pdf", bytes);
        }

        h.StartWorker(("Workers__Outbox", "false"));
        h.StartWorker(("Workers__Outbox", "false"));
        Assert.True(await h.WaitUntilAsync(db => db.IngestionJobs.AllAsync(j => j.Status == JobStatus.Succeeded), Patience), "jobs did not finish");

        await using var db = h.Db();
        Assert.All(await db.IngestionJobs.ToListAsync(), j => Assert.Equal(1, j.Attempts));
        Assert.All(await db.Documents.ToListAsync(), d => Assert.Equal(DocumentStatus.Ready, d.Status));
        Assert.Equal(expectedChunks, await db.Chunks.CountAsync());
    }

    private static readonly string[] Words = ["filter", "sensor", "fan", "display", "cover", "adapter", "button", "light", "wheel", "panel", "cable", "timer"];

    /// <summary>A PDF with a title line and a distinct sentence per page (distinct in words, not just numbers).</summary>
    private static byte[] BigPdf(int seed, int pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var p = 1; p <= pages; p++)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            var (a, b) = (Words[(seed + p) % Words.Length], Words[(seed * 7 + p / Words.Length) % Words.Length]);
            page.AddText($"Caring for the {a}", 14, new UglyToad.PdfPig.Core.PdfPoint(50, 780), font);
            page.AddText($"Check the {a} and the {b} every {p} days.", 11, new UglyToad.PdfPig.Core.PdfPoint(50, 750), font);
        }
        return builder.Build();
    }
}
