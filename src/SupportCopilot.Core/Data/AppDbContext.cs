using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Security;
using SupportCopilot.Core.Tickets;
using SupportCopilot.Core.Triage;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Audit;
using SupportCopilot.Core.Events;
using SupportCopilot.Core.Mail;

namespace SupportCopilot.Core.Data;

/// <summary>
/// The one EF Core model. Each provider has a subclass (<see cref="SqliteAppDbContext"/>,
/// <see cref="SqlServerAppDbContext"/>) only so that each gets its own migrations set.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser, IdentityRole, string>(options),
    Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring (cookies, antiforgery), shared by every web instance through the database.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    /// <summary>A write outside an explicit transaction waits its turn at <see cref="SqliteWriteGate"/>; inside one, the
    /// transaction's <see cref="BeginWriteAsync"/> took it.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        using var turn = await SqliteWriteGate.EnterAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Begins a write transaction that holds this SQLite file's <see cref="SqliteWriteGate"/> until it is disposed.</summary>
    public async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginWriteAsync(CancellationToken ct = default)
    {
        var turn = await SqliteWriteGate.EnterAsync(this, ct);
        try
        {
            return new SqliteWriteGate.Transaction(await Database.BeginTransactionAsync(ct), turn);
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketMessage> TicketMessages => Set<TicketMessage>();
    public DbSet<TicketTriage> Triages => Set<TicketTriage>();
    public DbSet<TriageModel> TriageModels => Set<TriageModel>();
    public DbSet<TriageCorrection> TriageCorrections => Set<TriageCorrection>();
    public DbSet<TriageCategory> TriageCategories => Set<TriageCategory>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<KnowledgeDocument> Documents => Set<KnowledgeDocument>();
    public DbSet<KnowledgeChunk> Chunks => Set<KnowledgeChunk>();
    public DbSet<DocumentContent> DocumentContents => Set<DocumentContent>();
    public DbSet<ChunkEmbedding> ChunkEmbeddings => Set<ChunkEmbedding>();
    public DbSet<IngestionJob> IngestionJobs => Set<IngestionJob>();
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<DraftCitation> DraftCitations => Set<DraftCitation>();
    public DbSet<ApprovalRecord> Approvals => Set<ApprovalRecord>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<TicketEvent> TicketEvents => Set<TicketEvent>();
    public DbSet<MailboxState> MailboxStates => Set<MailboxState>();
    public DbSet<Memory.ReplyMemory> ReplyMemories => Set<Memory.ReplyMemory>();
    public DbSet<FrameVersion> FrameVersions => Set<FrameVersion>();
    public DbSet<Signature> Signatures => Set<Signature>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<TicketAttachment> TicketAttachments => Set<TicketAttachment>();
    public DbSet<Macros.Macro> Macros => Set<Macros.Macro>();
    public DbSet<Macros.MacroUse> MacroUses => Set<Macros.MacroUse>();
    public DbSet<TicketEmbedding> TicketEmbeddings => Set<TicketEmbedding>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // All times are UTC; SQLite forgets DateTimeKind, so restore it on read.
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();
        builder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
        // Enums as text keep the database readable and safe against reordering.
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<Ticket>(e =>
        {
            e.Property(t => t.Subject).HasMaxLength(500);
            e.Property(t => t.CustomerEmail).HasMaxLength(320);
            e.Property(t => t.CustomerName).HasMaxLength(200);
            e.Property(t => t.ExternalId).HasMaxLength(200);
            e.Property(t => t.Queue).HasMaxLength(100);
            e.HasIndex(t => new { t.Queue, t.Status });
            e.HasIndex(t => new { t.Status, t.CreatedAt });
            e.HasIndex(t => new { t.Status, t.SlaDueAt }); // the queue by SLA and its Overdue view (issue 20, 1M-ticket benchmark)
            // The queue by severity: the database keeps the rank (a trigger on Triages), the application never writes it.
            e.Property(t => t.PriorityRank).HasDefaultValue(0).Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
            e.Property(t => t.PriorityRank).Metadata.SetBeforeSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
            e.HasIndex(t => new { t.Status, t.PriorityRank, t.Id });
            e.HasIndex(t => t.ExternalId);
            e.Property(t => t.AssignedToUserId).HasMaxLength(450);
            e.Property(t => t.AssignedToName).HasMaxLength(200);
            e.HasIndex(t => new { t.AssignedToUserId, t.Status });
            e.HasIndex(t => t.UpdatedAt);
            e.HasIndex(t => t.CreatedAt); // the dashboard's cohort: tickets created in a date range
            e.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(t => t.Triage).WithOne().HasForeignKey<TicketTriage>(t => t.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<TicketMessage>(e =>
        {
            e.Property(m => m.AuthorName).HasMaxLength(200);
            e.Property(m => m.MessageId).HasMaxLength(300);
            // Unique: the same mail fetched twice (a crash between fetch and mark-seen) becomes one message.
            e.HasIndex(m => m.MessageId).IsUnique();
        });
        b.Entity<TicketTriage>(e =>
        {
            e.Property(t => t.Category).HasMaxLength(100);
            e.Property(t => t.Type).HasMaxLength(50);
            e.Property(t => t.Priority).HasMaxLength(20);
            e.Property(t => t.Language).HasMaxLength(20);
            e.Property(t => t.Sentiment).HasMaxLength(20);
            e.Property(t => t.Engine).HasMaxLength(50);
            e.HasIndex(t => t.NeedsHuman);
        });
        b.Entity<TriageCorrection>(e =>
        {
            e.Property(c => c.Field).HasMaxLength(50);
            e.Property(c => c.OldValue).HasMaxLength(100);
            e.Property(c => c.NewValue).HasMaxLength(100);
            e.Property(c => c.UserId).HasMaxLength(450);
            e.HasIndex(c => c.CreatedAt);
            e.HasOne<Ticket>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<TriageCategory>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(100);
            e.HasIndex(c => c.Name).IsUnique();
        });
        b.Entity<RoutingRule>(e =>
        {
            e.Property(r => r.Keyword).HasMaxLength(100);
            e.Property(r => r.EmailDomain).HasMaxLength(200);
            e.Property(r => r.Priority).HasMaxLength(20);
            e.Property(r => r.Queue).HasMaxLength(100);
        });
        b.Entity<TriageModel>(e =>
        {
            e.Property(m => m.Field).HasMaxLength(50);
            e.HasIndex(m => new { m.Field, m.Version }).IsUnique();
        });

        b.Entity<KnowledgeDocument>(e =>
        {
            e.Property(d => d.FileName).HasMaxLength(260);
            e.Property(d => d.ContentType).HasMaxLength(100);
            e.Property(d => d.ContentHash).HasMaxLength(64);
            e.Property(d => d.FailureReason).HasMaxLength(2000);
            e.Property(d => d.Tags).HasMaxLength(500);
            e.Property(d => d.EmbeddingModel).HasMaxLength(200);
            e.Property(d => d.EmbeddingError).HasMaxLength(2000);
            e.Property(d => d.Language).HasMaxLength(20);
            e.HasIndex(d => d.ContentHash).IsUnique();
            e.HasIndex(d => d.FileName).IsUnique();
            e.HasOne<DocumentContent>().WithOne().HasForeignKey<DocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(d => d.Chunks).WithOne(c => c.Document).HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<KnowledgeChunk>(e =>
        {
            e.Property(c => c.HeadingPath).HasMaxLength(1000);
            e.HasIndex(c => new { c.DocumentId, c.Ordinal }).IsUnique();
            e.HasOne<ChunkEmbedding>().WithOne().HasForeignKey<ChunkEmbedding>(x => x.ChunkId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DocumentContent>(e => e.HasKey(c => c.DocumentId));
        b.Entity<ChunkEmbedding>(e =>
        {
            e.HasKey(x => x.ChunkId);
            e.Property(x => x.Model).HasMaxLength(200);
            // The vector sync reads one model's ids every 2 s: without it, that read scanned the rows and their vectors.
            e.HasIndex(x => x.Model);
        });
        b.Entity<IngestionJob>(e =>
        {
            e.Property(j => j.LeaseOwner).HasMaxLength(200);
            e.Property(j => j.LastError).HasMaxLength(2000);
            e.HasIndex(j => new { j.Status, j.NextAttemptAt });
            e.HasIndex(j => j.DocumentId);
            e.HasOne<KnowledgeDocument>().WithMany().HasForeignKey(j => j.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Draft>(e =>
        {
            e.Property(d => d.Model).HasMaxLength(200);
            e.Property(d => d.PromptVersion).HasMaxLength(50);
            e.Property(d => d.ConcurrencyStamp).IsConcurrencyToken();
            e.Property(d => d.RejectNote).HasMaxLength(1000);
            e.Property(d => d.RejectedByUserId).HasMaxLength(450);
            e.HasIndex(d => new { d.TicketId, d.Version }).IsUnique();
            e.HasOne<Ticket>().WithMany().HasForeignKey(d => d.TicketId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(d => d.Citations).WithOne().HasForeignKey(c => c.DraftId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DraftCitation>(e =>
        {
            e.Property(c => c.FileName).HasMaxLength(260);
            e.Property(c => c.HeadingPath).HasMaxLength(1000);
        });

        b.Entity<ApprovalRecord>(e =>
        {
            // One approval per draft, enforced by the database: two tabs or two agents cannot both approve.
            e.HasIndex(a => a.DraftId).IsUnique();
            e.HasIndex(a => a.ApprovedAt);
            e.Property(a => a.ApprovedByUserId).HasMaxLength(450);
            e.HasOne(a => a.Draft).WithMany().HasForeignKey(a => a.DraftId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.NoAction);
        });
        b.Entity<OutboxMessage>(e =>
        {
            e.Property(o => o.To).HasMaxLength(320);
            e.Property(o => o.Subject).HasMaxLength(500);
            e.Property(o => o.LastError).HasMaxLength(2000);
            e.Property(o => o.MessageId).HasMaxLength(300);
            e.Property(o => o.InReplyTo).HasMaxLength(300);
            e.HasIndex(o => new { o.Status, o.NextAttemptAt });
            e.HasIndex(o => o.ApprovalId).IsUnique();
            e.HasOne(o => o.Approval).WithMany().HasForeignKey(o => o.ApprovalId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.Actor).HasMaxLength(450);
            e.Property(a => a.ActorName).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.Target).HasMaxLength(100);
            e.Property(a => a.Detail).HasMaxLength(AuditLog.MaxDetail);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.Target, a.Id });
        });
        b.Entity<TicketEvent>(e =>
        {
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.Model).HasMaxLength(200);
            e.Property(x => x.PromptVersion).HasMaxLength(50);
            e.Property(x => x.Reason).HasMaxLength(50);
            e.Property(x => x.Category).HasMaxLength(100);
            e.Property(x => x.Queue).HasMaxLength(100);
            // The dashboard reads events by time and type; the ticket index serves per-ticket sequences (first reply, reopen).
            e.HasIndex(x => new { x.Type, x.At });
            e.HasIndex(x => new { x.TicketId, x.At });
            // Events go with their ticket (a deleted ticket leaves no orphan history); nothing else removes them.
            e.HasOne(x => x.Ticket).WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MailboxState>(e =>
        {
            e.HasKey(m => m.Mailbox);
            e.Property(m => m.Mailbox).HasMaxLength(300);
        });

        b.Entity<Memory.ReplyMemory>(e =>
        {
            e.Property(m => m.Subject).HasMaxLength(500);
            e.Property(m => m.Category).HasMaxLength(100);
            e.Property(m => m.Queue).HasMaxLength(100);
            e.Property(m => m.Language).HasMaxLength(20);
            e.Property(m => m.AgentUserId).HasMaxLength(450);
            e.Property(m => m.VectorModel).HasMaxLength(200);
            e.HasIndex(m => m.TicketId);
            e.HasIndex(m => m.ApprovalId);
            // The memory indexer asks every 2 s which entries lack this model's vector and which have it: without it,
            // both read the whole table with its texts and vectors.
            e.HasIndex(m => m.VectorModel);
            // The entry goes with its ticket: deleting or erasing a ticket leaves nothing of it in memory.
            e.HasOne(m => m.Ticket).WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<TicketEmbedding>(e =>
        {
            e.HasKey(x => x.TicketId);
            e.Property(x => x.Model).HasMaxLength(200);
            e.Property(x => x.TextHash).HasMaxLength(64);
            e.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<FrameVersion>(e =>
        {
            e.Property(f => f.Language).HasMaxLength(8);
            e.Property(f => f.CreatedBy).HasMaxLength(256);
            e.HasIndex(f => new { f.Language, f.Version }).IsUnique();
        });
        b.Entity<Signature>(e =>
        {
            e.Property(x => x.Scope).HasMaxLength(500);
            e.Property(x => x.Text).HasMaxLength(Approval.Signatures.MaxText);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.HasIndex(x => x.Scope).IsUnique();
        });

        b.Entity<TicketAttachment>(e =>
        {
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.HasIndex(a => a.TicketId);
            e.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SavedView>(e =>
        {
            e.Property(v => v.UserId).HasMaxLength(450);
            e.Property(v => v.Name).HasMaxLength(SupportCopilot.Core.Tickets.SavedViews.MaxName);
            e.Property(v => v.Filter).HasMaxLength(4000);
            e.HasIndex(v => new { v.UserId, v.Name }).IsUnique();
        });

        b.Entity<Macros.Macro>(e =>
        {
            e.Property(m => m.Name).HasMaxLength(SupportCopilot.Core.Macros.MacroLibrary.MaxName);
            e.Property(m => m.Language).HasMaxLength(8);
            e.Property(m => m.Body).HasMaxLength(SupportCopilot.Core.Macros.MacroLibrary.MaxBody);
            e.Property(m => m.UpdatedBy).HasMaxLength(256);
            e.HasIndex(m => new { m.Name, m.Language }).IsUnique();
        });
        b.Entity<Macros.MacroUse>(e =>
        {
            e.Property(u => u.UserId).HasMaxLength(450);
            e.HasIndex(u => u.At);
            e.HasOne<Macros.Macro>().WithMany().HasForeignKey(u => u.MacroId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ApiKey>(e =>
        {
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.Hash).HasMaxLength(64);
            e.Property(k => k.Scopes).HasMaxLength(500);
            e.HasIndex(k => k.Hash).IsUnique();
            e.Ignore(k => k.ScopeList);
        });
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
