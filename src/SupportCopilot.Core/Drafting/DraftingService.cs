using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Drafting.Guards;
using SupportCopilot.Core.Drafting.Prompts;
using SupportCopilot.Core.Models;
using SupportCopilot.Core.Retrieval;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Drafting;

/// <summary>Creates and reads drafts. Callers race (background worker, ticket page); the unique (TicketId, Version) index decides.</summary>
public sealed class DraftingService(IDbContextFactory<AppDbContext> dbFactory, Retriever search, ModelChain models, PiiRedactor pii, TimeProvider clock,
    OwnContacts ownContacts, TicketChanges changes, Microsoft.Extensions.Options.IOptions<Triage.RoutingOptions> routing, Memory.ReplyMemories memory,
    Microsoft.Extensions.Options.IOptions<Memory.MemoryOptions> memoryOptions, PromptLibrary prompts, ReplyFrames frames, LearnedInjectionSignal learned, InjectionSecondOpinion secondOpinion)
{
    private const string TicketFlag = "ticket: ";

    /// <summary>Flags text (the ticket, each passage) that tries to instruct the model; null when nothing was found.</summary>
    internal static string? GuardFlags(string ticketText, IReadOnlyList<SearchHit> passages, InstructionClassifier? learned = null)
    {
        var flags = new List<string>();
        if (Flag(ticketText, learned, message: true) is { } t) flags.Add(TicketFlag + t);
        // The learned signal reads customers' text, not manuals (imperative by nature): passages get the rules alone.
        for (var i = 0; i < passages.Count; i++)
            if (Flag(passages[i].Text, learned: null, message: false) is { } p) flags.Add($"passage [{i + 1}] {passages[i].FileName}: {p}");
        return Draft.ToJson(flags);
    }

    /// <summary>"order about the reply (“Modify your answer to”)": each signal with the words that raised it.</summary>
    private static string? Flag(string text, InstructionClassifier? learned, bool message)
    {
        var found = InjectionDetector.Explain(text, learned, message);
        return found.Sum(f => f.Weight) >= 3 ? string.Join(", ", found.Select(f => $"{f.Signal} (“{f.Span}”)")) : null;
    }

    public async Task<Draft?> GetCurrentAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Drafts.AsNoTracking().Include(d => d.Citations.OrderBy(c => c.Number))
            .Where(d => d.TicketId == ticketId).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
    }

    /// <summary>All drafts of a ticket, newest first.</summary>
    public async Task<IReadOnlyList<Draft>> ListAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Drafts.AsNoTracking().Include(d => d.Citations.OrderBy(c => c.Number))
            .Where(d => d.TicketId == ticketId).OrderByDescending(d => d.Version).ToListAsync(ct);
    }

    /// <summary>
    /// Returns the draft answering the ticket's latest customer message, writing one when there is none: the first
    /// draft of a ticket, or the next one after the customer wrote again (an approved earlier reply does not block it).
    /// </summary>
    /// <param name="progress">Sees a model's answer grow token by token (personal data already restored); cancelling
    /// <paramref name="ct"/> stops the model and stores nothing.</param>
    public async Task<Draft?> EnsureDraftAsync(int ticketId, CancellationToken ct = default, Action<ModelProgress>? progress = null)
    {
        var current = await GetCurrentAsync(ticketId, ct);
        if (current is not null && await AnswersLatestAsync(current, ct)) return current;
        return await GenerateAsync(ticketId, current?.Version, ct, progress: progress);
    }

    /// <summary>
    /// Replaces a proposed draft with a fresh one for the newest customer turn, optionally following the agent's
    /// instruction (models only; the extractive drafter cannot follow instructions). An approved draft that answers the
    /// newest turn stays: it has been sent.
    /// </summary>
    public async Task<Draft?> RegenerateAsync(int ticketId, string? instruction = null, CancellationToken ct = default, Action<ModelProgress>? progress = null)
    {
        if (instruction is { Length: > MaxInstruction }) throw new ArgumentException($"The instruction must be at most {MaxInstruction} characters.", nameof(instruction));
        // Quoting passages cannot follow "shorter" or "more formal": saying so beats returning the same draft (issue 17.5).
        if (!string.IsNullOrWhiteSpace(instruction) && !models.Configured) throw new InstructionNeedsModelException();
        var current = await GetCurrentAsync(ticketId, ct);
        if (current is { Status: DraftStatus.Approved } && await AnswersLatestAsync(current, ct)) return current;
        return await GenerateAsync(ticketId, current?.Version, ct, instruction, progress, regenerating: true);
    }

    /// <summary>Without a model, Regenerate quotes the next best evidence: passages already quoted for the same customer
    /// turn by earlier extractive versions are left out, so each Regenerate shows something new (or says nothing fits).</summary>
    private static async Task<HashSet<int>> QuotedBeforeAsync(AppDbContext db, int ticketId, int? answersMessageId, CancellationToken ct) =>
        (await db.Drafts.Where(d => d.TicketId == ticketId && d.AnswersMessageId == answersMessageId && d.Kind == DraftKind.Extractive)
            .SelectMany(d => d.Citations.Select(c => c.ChunkId)).ToListAsync(ct)).ToHashSet();

    /// <summary>A reused reply is proposed once per customer turn: Regenerate then quotes the knowledge base instead.</summary>
    private static async Task<bool> ReusedBeforeAsync(AppDbContext db, int ticketId, int? answersMessageId, int memoryId, CancellationToken ct) =>
        (await db.Drafts.Where(d => d.TicketId == ticketId && d.AnswersMessageId == answersMessageId && d.Kind == DraftKind.Memory)
            .Select(d => d.MemoryUsed).ToListAsync(ct)).Any(json => Draft.MemoryFromJson(json).Any(m => m.MemoryId == memoryId));

    /// <summary>The model name and prompt version of a reused past reply; the dashboard's split by prompt version shows how
    /// agents take them beside quoted passages and model drafts.</summary>
    public const string ReuseModel = "memory";
    public const string ReuseVersion = "memory-v1";

    private async Task<bool> AnswersLatestAsync(Draft draft, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await Conversation.LatestCustomerMessageIdAsync(db, draft.TicketId, ct);
        return latest is null || draft.AnswersMessageId == latest;
    }

    public const int MaxInstruction = 500;

    public async Task MarkShownAsync(int draftId, CancellationToken ct = default)
    {
        Draft draft;
        Ticket ticket;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            draft = await db.Drafts.AsNoTracking().FirstAsync(d => d.Id == draftId, ct);
            ticket = await db.Tickets.AsNoTracking().Include(t => t.Triage).FirstAsync(t => t.Id == draft.TicketId, ct);
        }
        await MarkShownAsync(draft, ticket, ct);
    }

    /// <summary>For the ticket page, which has just read the draft and its ticket (with triage): no second read.</summary>
    public async Task MarkShownAsync(Draft draft, Ticket ticket, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.BeginWriteAsync(ct);
        // Only the first showing counts: "drafts shown" is the denominator of the acceptance rate.
        if (await db.Drafts.Where(d => d.Id == draft.Id && d.ShownAt == null).ExecuteUpdateAsync(s => s.SetProperty(d => d.ShownAt, now), ct) == 0) return;
        var e = Events.TicketEvents.Add(db, ticket, Events.TicketEventType.DraftShown, now);
        (e.DraftId, e.Model, e.PromptVersion, e.Confidence) = (draft.Id, draft.Model, draft.PromptVersion, draft.Confidence);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <param name="replacesVersion">The version the caller saw as current (null: none). If another caller got there
    /// first, their draft stands and is returned instead of piling a second one on top.</param>
    private async Task<Draft?> GenerateAsync(int ticketId, int? replacesVersion, CancellationToken ct, string? instruction = null, Action<ModelProgress>? progress = null,
        bool regenerating = false)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Triage).FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return null;
        // The draft answers the latest customer turn; the model reads the whole conversation (notes never).
        var conversation = await Conversation.LoadAsync(db, ticketId, ct);
        var answering = conversation.Latest;
        var query = TicketQuery.Build(ticket.Subject, conversation.QueryText());
        var exclude = regenerating && !models.Configured ? await QuotedBeforeAsync(db, ticketId, answering?.MessageId, ct) : [];
        var found = await search.SearchAsync(new SearchRequest(query, 5 + exclude.Count) { Focus = TicketQuery.Focus(query) }, ct);
        var hits = found.Hits.Where(h => !exclude.Contains(h.ChunkId)).Take(5).ToList();
        var customer = ticket.CustomerName ?? ticket.CustomerEmail;
        // The language of the latest turn, when the detector is sure: the frame is written in it, a model is told to write
        // in it, and the post-check enforces it.
        var language = DraftCheck.TicketLanguage(ticket.Subject, answering?.Body ?? "");
        // The frame as the admins last saved it for this language (the shipped words until they edit it).
        var frame = await frames.ForAsync(db, language, ct);
        var composed = ExtractiveDrafter.Compose(customer, ticket.Subject, found.Terms(query), hits, language, frame.Frame);
        var mo = memoryOptions.Value;
        var past = mo.UseInDrafts ? await memory.SearchAsync(query, Math.Max(1, mo.EvidenceCount), ticketId, ct) : [];
        var evidence = models.Configured ? past.Where(p => p.Similarity >= mo.EvidenceAbove).Take(mo.EvidenceCount).ToList() : [];
        // No model, the knowledge base unsure, and a past reply to a very similar ticket: that reply beats "I could not find this".
        // A past reply in another language is no answer for this customer (its language is known from triage or the import).
        var reuse = !models.Configured && past.FirstOrDefault() is { } top && top.Similarity >= mo.ReuseAbove && composed.Confidence < mo.ReuseWhenKnowledgeBelow
            && (language is null || top.Language is null || top.Language == language)
            && !(regenerating && await ReusedBeforeAsync(db, ticketId, answering?.MessageId, top.Id, ct)) ? top : null;
        // A model writes the draft only when retrieval found something to ground it in (a passage the drafter would quote:
        // one covering the question, the best-ranked one the subject names, or the best one in another language than the
        // ticket, which the model can read across languages); otherwise the "I could not find this" reply is the honest one, and no model gets the chance to invent.
        ChainResult? written = null;
        IReadOnlyList<string> conflicts = [];
        if (models.Configured && composed.Citations.Count > 0)
        {
            // Personal data never reaches the model: placeholders go in, the agent's draft gets the values back.
            var map = new PiiMap();
            var (subject, name) = (pii.Redact(ticket.Subject, map), pii.Redact(customer, map));
            var turns = conversation.Turns.Select(t => t with { Body = pii.Redact(t.Body, map) }).ToList();
            var ticketText = subject + "\n" + string.Join("\n", turns.Select(t => t.Body));
            // Each link reads its own prompt version; one without rules for past replies is given none.
            var pastReplies = evidence.Select(p => p.ReplyText).ToList();
            IReadOnlyList<string> Past(ChatModelOptions link) => prompts.For(link.Model!).MemoryRules is null ? [] : pastReplies;
            written = await models.CompleteAsync(
                link => GroundedReplyPrompt.Build(subject, turns, name, hits, instruction, language, Past(link), prompts.For(link.Model!)),
                (link, text) => DraftCheck.Check(GroundedReplyPrompt.SplitConflicts(text).Reply, hits, ticketText, language, ownContacts.Values, Past(link)), ct,
                progress: progress is null ? null : p => progress(p with { Text = map.Restore(p.Text) }));
            if (written.Text is not null)
            {
                // Where a past reply disagreed with the knowledge base, the model noted it for the agent: a flag, not reply text.
                (var reply, conflicts) = GroundedReplyPrompt.SplitConflicts(map.Restore(written.Text));
                written = written with { Text = reply };
            }
        }

        // What the detector finds in the ticket and passages; with a model configured, a ticket it finds ambiguous (a weak
        // rule signal, a half-suspicious sentence) also gets the model's second opinion.
        var customerText = ticket.Subject + "\n" + conversation.CustomerText();
        var flags = Draft.FromJson(GuardFlags(customerText, hits, learned.Current)).ToList();
        if (!flags.Any(f => f.StartsWith(TicketFlag, StringComparison.Ordinal)) && await secondOpinion.AskAsync(customerText, learned.Current, ct) is { } verdict)
            flags.Insert(0, TicketFlag + verdict);

        var previous = await db.Drafts.Where(d => d.TicketId == ticketId).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        if (previous?.Version != replacesVersion) return await GetCurrentAsync(ticketId, ct);
        // Approved (or answered by the agent's own reply) while this draft was being written: that message has its reply,
        // and a new proposal on top would invite a second one (issue 21: approve racing regenerate).
        if (previous is { Status: DraftStatus.Approved } && previous.AnswersMessageId == answering?.MessageId) return previous;
        if (previous is { Status: DraftStatus.Proposed })
        {
            previous.Status = DraftStatus.Superseded;
            previous.ConcurrencyStamp = Guid.NewGuid(); // a racing approval of the old draft now fails its concurrency check
        }
        // The reply the agent will see: the model's, a reused past reply (this customer's details filled in), or the quotes.
        var proposed = written?.Text ?? (reuse is not null ? Memory.MemoryRedactor.ForDraft(reuse.ReplyText, ticket.CustomerName, ticket.CustomerEmail) : composed.Text);
        var draft = new Draft
        {
            TicketId = ticketId,
            Version = (previous?.Version ?? 0) + 1,
            AnswersMessageId = answering?.MessageId,
            // Nothing to quote and no model: the "I could not find this" reply, which hands the ticket to a specialist.
            Kind = written?.Text is not null ? DraftKind.Model : reuse is not null ? DraftKind.Memory : composed.Citations.Count == 0 ? DraftKind.Escalation : DraftKind.Extractive,
            Status = DraftStatus.Proposed,
            // no remote image reaches an agent or a customer
            Text = WithinReplyLimit(Mail.SafeMarkdown.StripImages(proposed)),
            Confidence = reuse?.Similarity ?? composed.Confidence,
            // How likely the quoted evidence is right: for a model's draft too, which is written from the same passages.
            Evidence = reuse is null ? composed.Evidence : null,
            Model = written?.Model ?? (reuse is not null ? ReuseModel : ExtractiveDrafter.ModelName),
            PromptVersion = written is { Text: not null, Model: { } by } ? (evidence.Count > 0 && prompts.For(by).MemoryRules is not null ? prompts.For(by).MemoryVersion : prompts.For(by).Version)
                : reuse is not null ? ReuseVersion : frame.PromptVersion,
            MemoryUsed = Draft.ToJson(reuse is not null ? [new MemoryUse(0, reuse.Id, reuse.TicketId, reuse.Similarity)]
                : written?.Text is { } used ? DraftCheck.CitedPast(used).Select(n => new MemoryUse(n, evidence[n - 1].Id, evidence[n - 1].TicketId, evidence[n - 1].Similarity)).ToList()
                : []),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            LatencyMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            InputTokens = written?.InputTokens,
            OutputTokens = written?.OutputTokens,
            Fallbacks = Draft.ToJson(written?.Fallbacks ?? []),
            Flags = Draft.ToJson([.. flags, .. conflicts.Select(c => Draft.ConflictFlag + c)]),
            // A reused reply's promises ("refund approved") were true for another customer: unbacked by a passage, they need confirming.
            Commitments = Draft.ToJson(Guards.CommitmentGuard.Find(proposed, string.Join("\n", hits.Select(h => h.Text)))),
            Citations = (written?.Text is { } modelText
                    ? DraftCheck.Cited(modelText).Select(n => (Number: n, Hit: hits[n - 1]))
                    : reuse is not null ? [] : composed.Citations.Select(c => (c.Number, c.Hit)))
                .Select(c => new DraftCitation
                {
                    Number = c.Number, ChunkId = c.Hit.ChunkId, DocumentId = c.Hit.DocumentId, FileName = c.Hit.FileName,
                    HeadingPath = c.Hit.HeadingPath, Page = c.Hit.Page, Score = Math.Round(c.Hit.Score, 4),
                }).ToList(),
        };
        db.Drafts.Add(draft);
        try
        {
            // The draft and its event commit together (the event needs the draft's id, hence two statements).
            await using var tx = await db.BeginWriteAsync(ct);
            await db.SaveChangesAsync(ct);
            var e = Events.TicketEvents.Add(db, ticket, Events.TicketEventType.DraftGenerated, draft.CreatedAt);
            (e.DraftId, e.Model, e.PromptVersion, e.Confidence) = (draft.Id, draft.Model, draft.PromptVersion, draft.Confidence);
            // The dashboard counts drafts written after a model failed, and escalations.
            e.Reason = draft.Kind == DraftKind.Escalation ? Escalation : draft.Fallbacks is null ? null : "fallback";
            await db.SaveChangesAsync(ct);
            if (draft.Kind == DraftKind.Escalation) await EscalateAsync(db, ticketId, ct);
            // A new draft moves the change mark (queues in other processes show "draft ready") and updates open pages here.
            await db.Tickets.Where(t => t.Id == ticketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.UpdatedAt, draft.CreatedAt), ct);
            await tx.CommitAsync(ct);
            changes.Raise(ticketId);
            return draft;
        }
        catch (DbUpdateException)
        {
            // Someone else wrote this version (or approved the previous draft) first: theirs stands.
            return await GetCurrentAsync(ticketId, ct);
        }
    }

    /// <summary>The event reason of an escalation draft.</summary>
    public const string Escalation = "escalation";

    /// <summary>The knowledge base has no answer: the ticket moves to the escalation queue and needs a human, so the
    /// promise the reply makes ("a specialist will follow up") has somebody behind it.</summary>
    private async Task EscalateAsync(AppDbContext db, int ticketId, CancellationToken ct)
    {
        var queue = routing.Value.EscalationQueue;
        await db.Tickets.Where(t => t.Id == ticketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Queue, queue), ct);
        await db.Triages.Where(t => t.TicketId == ticketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.NeedsHuman, true), ct);
    }

    /// <summary>
    /// A draft is never longer than an agent may send (a passage of 10 MB once made a 6.4 MB draft that took 13 s to
    /// load and could not be approved): cut at the last paragraph or sentence end before the limit.
    /// </summary>
    internal static string WithinReplyLimit(string text)
    {
        const int limit = Approval.ApprovalService.MaxReplyLength - 1;
        if (text.Length <= limit) return text;
        var cut = text.LastIndexOf("\n\n", limit - 1, StringComparison.Ordinal);
        if (cut < limit / 2) cut = text.LastIndexOf(". ", limit - 1, StringComparison.Ordinal) + 1;
        if (cut < limit / 2) cut = limit;
        return text[..cut].TrimEnd() + "\n…";
    }
}

/// <summary>An instruction for Regenerate when no language model is configured: the extractive drafter cannot follow it.</summary>
public sealed class InstructionNeedsModelException() : InvalidOperationException(
    "Instructions need a language model, and none is configured: the draft would not change. Edit the text yourself, or ask an admin to configure a model.");
