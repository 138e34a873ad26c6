using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Approval;

/// <summary>How a reply is dressed for the customer: the sources heading and the word for "page" in their language, and the signature.</summary>
public sealed record CopyStyle(string SourcesLabel, string? Signature, string PageWord = "page")
{
    public static readonly CopyStyle Plain = new("Sources", null);
}

/// <summary>The style of a reply on a ticket by an agent — computed the same way for the preview and for the approval,
/// so the preview is exactly what is sent.</summary>
public sealed class CopyStyles(IDbContextFactory<AppDbContext> dbFactory, ReplyFrames frames)
{
    public async Task<CopyStyle> ForAsync(AppDbContext db, Ticket ticket, AppUser agent, CancellationToken ct = default)
    {
        var frame = (await frames.ForAsync(db, ticket.Triage?.Language, ct)).Frame;
        return new CopyStyle(frame.Get(nameof(ReplyFrame.Sources)), await Signatures.ForAsync(db, agent, ticket.Queue, ct), frame.Page);
    }

    /// <summary>For the preview of a signed-in agent; the plain style when the ticket or the user is gone.</summary>
    public async Task<CopyStyle> ForAsync(int ticketId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Triage).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        return ticket is null ? CopyStyle.Plain : await ForAsync(db, ticket, userId, ct);
    }

    /// <summary>For the ticket page's preview, which has the ticket (with its triage) already.</summary>
    public async Task<CopyStyle> ForAsync(Ticket ticket, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ForAsync(db, ticket, userId, ct);
    }

    private async Task<CopyStyle> ForAsync(AppDbContext db, Ticket ticket, string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? CopyStyle.Plain : await ForAsync(db, ticket, user, ct);
    }
}
