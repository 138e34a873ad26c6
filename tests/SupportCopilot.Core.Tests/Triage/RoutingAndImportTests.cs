using System.Text;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Triage;

public class RoutingAndImportTests
{
    [Fact]
    public async Task FirstMatchingRule_PicksTheQueue_ElseDefault_AndSlaFollowsPriority()
    {
        await using var host = await TestHost.StartAsync();
        var routing = host.Get<TriageRouting>();
        Assert.Null(await routing.AddRuleAsync(keyword: "invoice", null, null, "Billing"));
        Assert.Null(await routing.AddRuleAsync(null, "@bigcorp.com", null, "Enterprise"));
        Assert.Null(await routing.AddRuleAsync(null, null, "urgent", "Escalations"));
        var tickets = host.Get<TicketService>();
        var invoice = await tickets.CreateAsync(new NewTicket("Wrong INVOICE total", "Please fix.", "a@bigcorp.com"));
        var corp = await tickets.CreateAsync(new NewTicket("Fan noise", "It hums.", "b@BigCorp.com"));
        var other = await tickets.CreateAsync(new NewTicket("Fan noise", "It hums.", "c@example.com"));

        await host.Get<TriageWorker>().TriagePendingAsync(CancellationToken.None);
        Assert.Null(await host.Get<TriageCorrections>().CorrectAsync(other.Id, "priority", "urgent", "u"));

        await using var db = host.Db();
        var queues = await db.Tickets.OrderBy(t => t.Id).Select(t => new { t.Queue, t.SlaDueAt, t.CreatedAt }).ToListAsync();
        Assert.Equal(["Billing", "Enterprise", "Escalations"], queues.Select(q => q.Queue)); // rule order decides: invoice beats the domain
        Assert.Equal(queues[2].CreatedAt.AddHours(2), queues[2].SlaDueAt); // urgent: 2 h
    }

    [Theory]
    [InlineData(null, null, null, "Q", "at least one condition")]
    [InlineData("x", null, null, null, "queue name")]
    [InlineData(null, null, "critical", "Q", "Priority must be one of")]
    [InlineData(null, "not a domain", null, "Q", "must look like example.com")]
    public async Task InvalidRule_IsRefused(string? keyword, string? domain, string? priority, string? queue, string error)
    {
        await using var host = await TestHost.StartAsync();
        Assert.Contains(error, await host.Get<TriageRouting>().AddRuleAsync(keyword, domain, priority, queue));
        Assert.Empty(await host.Get<TriageRouting>().RulesAsync());
    }

    [Fact]
    public async Task Taxonomy_RestrictsCategoryCorrections()
    {
        await using var host = await TestHost.StartAsync();
        Assert.Equal(2, await host.Get<TriageRouting>().AddCategoriesAsync(["Billing", "Shipping", "billing"]));
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("s", "b", "a@example.com"));

        Assert.Contains("not in the category taxonomy", await host.Get<TriageCorrections>().CorrectAsync(ticket.Id, "category", "Hardware", "u"));
        Assert.Null(await host.Get<TriageCorrections>().CorrectAsync(ticket.Id, "category", "Shipping", "u"));
    }

    [Fact]
    public async Task ImportCsv_CreatesLabelledTickets_AndReportsUnknownLabelsWithoutMappingThem()
    {
        await using var host = await TestHost.StartAsync();
        await host.Get<TriageRouting>().AddCategoriesAsync(["Billing", "Shipping"]);
        var csv = "subject,body,customerEmail,category,type,priority,language\n"
                + "Invoice wrong,\"The total is wrong, \"\"twice\"\"\nSecond line\",a@example.com,Billing,problem,high,en\n"
                + "Parcel late,Where is it?,b@example.com,Logistics,question,asap,en\n"
                + "No body,,c@example.com,Billing,question,low,en\n";

        var report = await host.Get<TriageImport>().ImportAsync("past.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal(2, report.Imported);
        Assert.Equal([3], report.Rejected.Select(r => r.Row));
        Assert.Equal(["category 'Logistics' is not known; left empty.", "priority 'asap' is not known; left empty."], report.UnknownLabels.Select(u => u.Message));
        await using var db = host.Db();
        var first = await db.Tickets.Include(t => t.Triage).Include(t => t.Messages).OrderBy(t => t.Id).FirstAsync();
        Assert.Equal(("Billing", "problem", "high", "label"), (first.Triage!.Category, first.Triage.Type, first.Triage.Priority, first.Triage.Engine));
        Assert.Equal("The total is wrong, \"twice\"\nSecond line", first.Messages.Single().Body);
        var second = await db.Triages.OrderBy(t => t.Id).Skip(1).FirstAsync();
        Assert.Equal(((string?)null, (string?)null, "question"), (second.Category, second.Priority, second.Type));
    }

    [Fact]
    public async Task ImportJsonLines_InTheEvaluationFormat_Works()
    {
        await using var host = await TestHost.StartAsync();
        var jsonl = """
            {"subject": "Refund", "body": "I want my money back", "labels": {"type": "refund/return", "language": "en"}}
            {"subject": "", "body": "Wo ist mein Paket?", "labels": {"type": "question", "language": "de"}}
            """;

        var report = await host.Get<TriageImport>().ImportAsync("set.jsonl", Encoding.UTF8.GetBytes(jsonl));

        Assert.Equal((2, 0, 0), (report.Imported, report.Rejected.Count, report.UnknownLabels.Count));
        await using var db = host.Db();
        Assert.Equal(["(no subject)", "Refund"], await db.Tickets.Select(t => t.Subject).OrderBy(s => s).ToListAsync());
    }

    [Theory]
    [InlineData("bad.json", "{ not json")]
    [InlineData("bad.csv", "subject,body\n\"unclosed,quote")]
    [InlineData("bad.json", "[1, 2]")]
    public async Task ImportBrokenFile_ImportsNothingAndSaysWhy(string name, string content)
    {
        await using var host = await TestHost.StartAsync();
        var report = await host.Get<TriageImport>().ImportAsync(name, Encoding.UTF8.GetBytes(content));

        Assert.Equal(0, report.Imported);
        Assert.StartsWith("The file could not be read", Assert.Single(report.Rejected).Message);
    }

    [Theory]
    [InlineData("empty.jsonl", "")]
    [InlineData("blank.json", " \n\n ")]
    [InlineData("header.csv", "subject,body,priority\n")]
    [InlineData("empty.json", "[]")]
    public async Task ImportFileWithoutTickets_IsRefusedWithAReason_NotReportedAsSuccess(string name, string content)
    {
        await using var host = await TestHost.StartAsync();
        var report = await host.Get<TriageImport>().ImportAsync(name, Encoding.UTF8.GetBytes(content));

        Assert.Equal(0, report.Imported);
        Assert.StartsWith("The file has no tickets", Assert.Single(report.Rejected).Message);
    }

    [Fact]
    public async Task ImportReport_NamesAProblemSharedByManyRowsOnce_AndCountsWhatItDoesNotList()
    {
        await using var host = await TestHost.StartAsync();
        // 30 rows with one unknown type, 1 empty body, then 25 rows each with its own unknown priority.
        var csv = new StringBuilder("subject,body,type,priority\n");
        for (var i = 0; i < 30; i++) csv.Append($"s{i},body {i},Incident,\n");
        csv.Append("empty,,question,\n");
        for (var i = 0; i < 25; i++) csv.Append($"p{i},body,question,level{i}\n");

        var report = await host.Get<TriageImport>().ImportAsync("export.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        var lines = report.ProblemLines(max: 5);

        Assert.Equal(55, report.Imported);
        Assert.Equal("Row 31: The body is empty.", lines[0]); // rejections first, each row with its own
        Assert.Equal("Rows 1, 2, 3 and 27 more: type 'Incident' is not known; left empty.", lines[1]);
        Assert.Equal("Row 32: priority 'level0' is not known; left empty.", lines[2]);
        Assert.Equal(6, lines.Count);
        Assert.Equal("… and 22 more problems.", lines[^1]); // 27 distinct problems, 5 listed; the other 22 counted by row
    }
}
