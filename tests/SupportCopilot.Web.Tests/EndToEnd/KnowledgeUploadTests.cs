using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace SupportCopilot.Web.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public class KnowledgeUploadTests(BrowserApp app)
{
    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Admin_DropsFiles_WatchesThemBecomeReady_InspectsChunks_Deletes()
    {
        var files = Files();
        var page = await app.SignInAsync("admin@demo.local", "/knowledge");
        await UploadInputReadyAsync(page);
        // Tags typed, then files dropped at once: the field never lost focus, and the tags still go with the files.
        var tag = "batch" + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("input[data-testid=upload-tags]").PressSequentiallyAsync(tag);

        await page.Locator("input[type=file]").SetInputFilesAsync(files);

        await Assertions.Expect(page.Locator("[data-testid=upload-progress] [data-state=done]")).ToHaveCountAsync(files.Length, new() { Timeout = 20_000 });
        foreach (var f in files) // the list updates itself while workers process the files
        {
            var row = page.Locator("[data-testid=documents] tbody tr", new() { HasText = f.Name });
            await Assertions.Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Ready", new() { Timeout = 20_000 });
            // and each file's upload line follows its document to Ready instead of staying at "processing"
            await Assertions.Expect(page.Locator("[data-testid=upload-progress] [data-state=done]", new() { HasText = f.Name })).ToContainTextAsync("Ready:", new() { Timeout = 10_000 });
        }
        var markdown = files.Single(f => f.Name.EndsWith(".md", StringComparison.Ordinal)); // one section: "1 passage", not "1 passages"
        await Assertions.Expect(page.Locator("[data-testid=upload-progress] [data-state=done]", new() { HasText = markdown.Name })).ToContainTextAsync("Ready: 1 passage.");
        await using (var db = app.Db())
        {
            var names = files.Select(f => f.Name).ToList();
            var tags = await db.Documents.Where(d => names.Contains(d.FileName)).Select(d => d.Tags).ToListAsync();
            Assert.Equal(files.Length, tags.Count);
            Assert.All(tags, t => Assert.Contains(tag, t));
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "knowledge-uploaded.png"), FullPage = true });

        var pdf = files.First(f => f.Name.EndsWith(".pdf", StringComparison.Ordinal));
        await page.ClickAsync($"[data-testid=documents] a:text-is('{pdf.Name}')");
        var pages = page.Locator("[data-testid=chunks] tbody tr td:nth-child(3)");
        // Page 1 (the cover: the product name) and page 2 (what the contents filter leaves: page numbers) hold no
        // knowledge and are not indexed (issue 16.2); the chunks keep their page numbers from page 3 on.
        await Assertions.Expect(pages.First).ToHaveTextAsync("3");
        var numbers = (await pages.AllInnerTextsAsync()).Select(int.Parse).ToList();
        Assert.True(numbers.Distinct().Count() > 1 && numbers.All(n => n >= 3), string.Join(",", numbers));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "document.png") });

        await page.ClickAsync("[data-testid=delete]");
        await page.ClickAsync(".mud-dialog button:has-text('Delete')");
        // The dialog closing shows the click was taken; deleting the document and its chunks (FTS triggers) then
        // navigates back. Under CI's load (four test projects on two cores) that once took longer than 30 s.
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        // Back by Blazor navigation (pushState, no page load): poll the URL; WaitForURL would wait for a "load" event.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/knowledge$"), new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=documents] tbody tr", new() { HasText = pdf.Name })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Admin_DropsUnsupportedFile_SeesWhyItWasRefused()
    {
        var page = await app.SignInAsync("admin@demo.local", "/knowledge");
        await UploadInputReadyAsync(page);

        await page.Locator("input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = "holiday.png", MimeType = "image/png", Buffer = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10] });

        var row = page.Locator("[data-testid=upload-progress] [data-state=refused]");
        await Assertions.Expect(row).ToContainTextAsync("PNG image files are not supported");
        await Assertions.Expect(page.Locator("[data-testid=documents]")).Not.ToContainTextAsync("holiday.png");
    }

    [Fact]
    public async Task Admin_UploadingANameThatExists_IsAskedFirst_AndSkipKeepsTheDocument()
    {
        // Issue 21.16: "../../x.txt" and "C:\\…\\x.txt" both become x.txt and silently replaced each other.
        var page = await app.SignInAsync("admin@demo.local", "/knowledge");
        await UploadInputReadyAsync(page);
        var name = $"faq-{Guid.NewGuid():N}.md";
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("# FAQ\n\nThe first version.") });
        await Assertions.Expect(page.Locator("[data-testid=upload-progress] [data-state=done]", new() { HasText = name })).ToHaveCountAsync(1);

        // MudFileUpload hides the used input and renders a fresh one: wait until that one is wired up, then use it.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('input[type=file]:not(.d-none)')].some(i => i._blazorInputFileNextFileId !== undefined)");
        await page.Locator("input[type=file]:not(.d-none)").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("# FAQ\n\nAn unrelated file.") });
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync($"Replace {name}?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Skip" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=upload-progress] [data-state=refused]", new() { HasText = name })).ToContainTextAsync("Skipped");
        await using var db = app.Db();
        Assert.Equal(1, (await db.Documents.AsNoTracking().SingleAsync(d => d.FileName == name)).Version);
    }

    /// <summary>
    /// Files set before Blazor's InputFile has attached its change listener (its JS init runs after the page's first
    /// interactive render) are lost: one run in three saw nothing happen. Wait for the marker its init sets.
    /// </summary>
    private static Task UploadInputReadyAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");

    /// <summary>Two eShopSupport manuals from ../shared when present (CI has it), and always a Markdown file.</summary>
    private static FilePayload[] Files()
    {
        var md = new FilePayload { Name = $"upload-{Guid.NewGuid():N}.md", MimeType = "text/markdown",
            Buffer = Encoding.UTF8.GetBytes("# Uploaded guide\n\n## Pairing\n\nHold Wi-Fi and Mode for three seconds.") };
        var zip = FindUp(Path.Combine("..", "shared", "datasets", "eshopsupport", "test", "manuals.zip"));
        if (zip is null) return [md];
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.Where(e => e.Name is "1.pdf" or "2.pdf").Select(e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return new FilePayload { Name = "eshop-manual-" + e.Name, MimeType = "application/pdf", Buffer = ms.ToArray() };
        }).Append(md).ToArray();
    }

    /// <summary>The path relative to the repository root (the folder holding SupportCopilot.sln), if it exists.</summary>
    internal static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SupportCopilot.sln")))
                return File.Exists(Path.Combine(dir.FullName, relative)) ? Path.GetFullPath(Path.Combine(dir.FullName, relative)) : null;
        }
        return null;
    }
}
