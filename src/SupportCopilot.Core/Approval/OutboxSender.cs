using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Events;

namespace SupportCopilot.Core.Approval;

/// <summary>Raised when code tries to send a message no agent approved: a bug, never a user error.</summary>
public sealed class SendRefusedException(string reason) : InvalidOperationException(reason);

/// <summary>What a channel can tell about a delivery that a crashed sender had started.</summary>
public enum DeliveryCheck
{
    Delivered,
    NotDelivered,
    /// <summary>Cannot tell, but the receiver drops repeats (a webhook's Idempotency-Key): sending again is safe.</summary>
    ResendIsSafe,
    /// <summary>Cannot tell, and sending again could reach the customer twice: an admin decides.</summary>
    Unknown,
}

/// <summary>Delivers one approved message to the customer (SMTP, webhook, pickup folder...).</summary>
public interface IReplyChannel
{
    string Name { get; }
    Task DeliverAsync(OutboxMessage message, CancellationToken ct);

    /// <summary>Asked only for a message whose earlier hand-off was interrupted (the sender died mid-delivery).</summary>
    Task<DeliveryCheck> CheckDeliveredAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>
/// The domain service that sends. It checks the approval record itself — an agent-role user approved this
/// exact text — so no caller, UI or not, can send an unapproved reply.
/// </summary>
public sealed class OutboxSender(IDbContextFactory<AppDbContext> dbFactory, IReplyChannel channel, AuditLog audit, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<OutboxOptions> options)
{
    public const int MaxAttempts = 5;
    public const string UncertainPrefix = "Uncertain: ";
    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    /// <summary>Claims due messages one at a time and sends them; returns how many were delivered.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        var sent = 0;
        while (await ClaimNextAsync(ct) is { } id)
        {
            if (await TrySendClaimedAsync(id, ct)) sent++;
        }
        return sent;
    }

    /// <summary>
    /// Sends one message; false when it was held because an interrupted delivery may already have reached the customer.
    /// Throws <see cref="SendRefusedException"/> when it lacks a valid approval.
    /// </summary>
    public async Task<bool> SendAsync(int outboxId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.Outbox.Include(o => o.Approval).FirstOrDefaultAsync(o => o.Id == outboxId, ct)
            ?? throw new InvalidOperationException($"Outbox message {outboxId} does not exist.");
        if (message.Status == OutboxStatus.Sent) return true;

        var refusal = message.Approval switch
        {
            null => "no approval record",
            { } a when a.TicketId != message.TicketId || a.FinalText != message.Body => "the approval does not cover this text",
            { } a when (a.To is not null && a.To != message.To) || (a.Subject is not null && a.Subject != message.Subject) =>
                "the approval does not cover this recipient or subject",
            { } a when !await ApprovalService.IsAgentAsync(db, a.ApprovedByUserId, ct) => "the approver is not in the Agent role",
            _ => null,
        };
        if (refusal is not null)
        {
            message.Status = OutboxStatus.Failed;
            message.LastError = "Refused: " + refusal;
            message.LeaseUntil = null;
            audit.Add(db, Actor.System, AuditActions.SendFailed, $"ticket:{message.TicketId}", $"outbox {message.Id} refused: {refusal}");
            await db.SaveChangesAsync(ct);
            throw new SendRefusedException($"Outbox message {outboxId} was not sent: {refusal}.");
        }

        if (message.HandedOffAt is { } handedOff)
        {
            // An earlier sender stopped between handing this reply over and recording the outcome.
            var check = await channel.CheckDeliveredAsync(message, ct);
            if (check == DeliveryCheck.Delivered)
            {
                await MarkSentAsync(db, message, "confirmed delivered after an interrupted attempt", ct);
                return true;
            }
            if (check == DeliveryCheck.Unknown)
            {
                message.Status = OutboxStatus.Failed;
                message.LeaseUntil = null;
                message.LastError = $"{UncertainPrefix}the sender stopped while handing this reply to {channel.Name} at {handedOff:u}; it may have " +
                    "reached the customer. Check with them (or the mail server's log), and retry only if it did not arrive.";
                audit.Add(db, Actor.System, AuditActions.SendFailed, $"ticket:{message.TicketId}", $"outbox {message.Id} held: delivery uncertain after a crash");
                await db.SaveChangesAsync(ct);
                return false;
            }
        }

        // Durable before the hand-off, so a crash from here on is recognised by whoever takes the message over.
        message.HandedOffAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        using (var span = Platform.Telemetry.Source.StartActivity("outbox.deliver"))
        {
            span?.SetTag("outbox.id", message.Id).SetTag("ticket.id", message.TicketId).SetTag("channel", channel.Name);
            await channel.DeliverAsync(message, ct);
            Platform.Telemetry.Sends.Add(1, new KeyValuePair<string, object?>("channel", channel.Name));
        }
        await MarkSentAsync(db, message, $"attempt {message.Attempts}", ct);
        return true;
    }

    private async Task MarkSentAsync(AppDbContext db, OutboxMessage message, string how, CancellationToken ct)
    {
        message.Status = OutboxStatus.Sent;
        message.SentAt = clock.GetUtcNow().UtcDateTime;
        message.LeaseUntil = null;
        message.LastError = null;
        var ticket = await db.Tickets.Include(t => t.Triage).FirstAsync(t => t.Id == message.TicketId, ct);
        TicketEvents.Add(db, ticket, TicketEventType.Sent, message.SentAt.Value).DraftId = message.Approval!.DraftId;
        audit.Add(db, Actor.System, AuditActions.ReplySent, $"ticket:{message.TicketId}", $"outbox {message.Id} via {channel.Name}, {how}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Dead letters (and messages waiting for a retry) for the admin view, newest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListProblemsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Outbox.AsNoTracking().Where(o => o.Status == OutboxStatus.Failed || (o.Status == OutboxStatus.Pending && o.Attempts > 0))
            .OrderByDescending(o => o.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>An admin puts a dead letter back in the queue (after fixing the SMTP settings, say); the approval check runs again.</summary>
    public async Task<bool> RetryAsync(int outboxId, Actor admin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.Outbox.FirstOrDefaultAsync(o => o.Id == outboxId && o.Status == OutboxStatus.Failed, ct);
        if (message is null) return false;
        (message.Status, message.Attempts, message.NextAttemptAt, message.LeaseUntil) = (OutboxStatus.Pending, 0, clock.GetUtcNow().UtcDateTime, null);
        message.HandedOffAt = null; // the admin decided: send again, even after an uncertain hand-off
        audit.Add(db, admin, AuditActions.SendRetried, $"ticket:{message.TicketId}", $"outbox {message.Id} (last error: {message.LastError})");
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<int?> ClaimNextAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.Outbox
            .Where(o => (o.Status == OutboxStatus.Pending && (o.NextAttemptAt == null || o.NextAttemptAt <= now))
                     || (o.Status == OutboxStatus.Sending && o.LeaseUntil < now))
            .OrderBy(o => o.Id).Select(o => o.Id).Take(5).ToListAsync(ct);
        foreach (var id in candidates)
        {
            // A conditional update is the lock: of two senders, only one changes the row.
            var claimed = await db.Outbox
                .Where(o => o.Id == id && ((o.Status == OutboxStatus.Pending) || (o.Status == OutboxStatus.Sending && o.LeaseUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sending)
                    .SetProperty(o => o.LeaseUntil, now + Lease)
                    .SetProperty(o => o.Attempts, o => o.Attempts + 1), ct);
            if (claimed == 1) return id;
        }
        return null;
    }

    private async Task<bool> TrySendClaimedAsync(int id, CancellationToken ct)
    {
        try
        {
            return await SendAsync(id, ct);
        }
        catch (SendRefusedException)
        {
            return false; // already marked Failed with the reason; retrying cannot help
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var message = await db.Outbox.FirstAsync(o => o.Id == id, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            message.LastError = $"{channel.Name}: {ex.Message}";
            message.LeaseUntil = null;
            message.HandedOffAt = null; // the channel answered with a failure: nothing was handed over
            // Exponential backoff (30 s, 1, 2, 4 min), then dead letter for an admin to look at.
            message.Status = message.Attempts >= MaxAttempts ? OutboxStatus.Failed : OutboxStatus.Pending;
            message.NextAttemptAt = now + TimeSpan.FromSeconds(30 * Math.Pow(2, message.Attempts - 1));
            if (message.Status == OutboxStatus.Failed)
                audit.Add(db, Actor.System, AuditActions.SendFailed, $"ticket:{message.TicketId}", $"outbox {message.Id} dead-lettered after {message.Attempts} attempts: {message.LastError}");
            await db.SaveChangesAsync(ct);
            return false;
        }
    }
}
