using Microsoft.EntityFrameworkCore;
using SupportCopilot.Core.Data;

namespace SupportCopilot.Core.Dashboard;

/// <summary>
/// Every ticket's <see cref="TicketFact"/> in memory, ordered by creation, so a dashboard range is a binary search and
/// an aggregation over compact objects instead of a join over millions of event rows (at 1M tickets / 5M events the
/// event query took 4–6 s for 30–90 days). The events table stays the source of truth: the cache loads it once,
/// then before every query applies the events appended since (the table is append-only, ids only grow), rebuilding
/// each touched ticket from its events — so it is as fresh as the database, also across processes.
/// </summary>
public sealed class TicketFactsCache(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Re-read this many ids below the watermark: on SQL Server, identities can commit out of order.</summary>
    private const long Overlap = 500;
    /// <summary>More new events than this since the last query: reloading everything is cheaper than patching.</summary>
    private const int PatchLimit = 20_000;

    private static readonly Comparer<TicketFact> ByCreation = Comparer<TicketFact>.Create((a, b) =>
        a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : a.TicketId.CompareTo(b.TicketId));

    private readonly SemaphoreSlim _gate = new(1, 1);
    private List<TicketFact> _sorted = [];
    private Dictionary<int, TicketFact> _byId = [];
    private long _watermark = -1;
    /// <summary>Model, prompt, agent, category names repeat across a million tickets: one string each.</summary>
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    /// <summary>Runs <paramref name="read"/> over the facts of tickets created in [fromUtc, toUtc), current as of this call.
    /// It sees a view, not a copy (a year is a million references), so it runs under the cache's lock and must not keep it.</summary>
    public async Task<T> ReadAsync<T>(DateTime fromUtc, DateTime toUtc, Func<IReadOnlyList<TicketFact>, T> read, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await CatchUpAsync(ct);
            var lo = LowerBound(fromUtc);
            return read(new Slice(_sorted, lo, Math.Max(lo, LowerBound(toUtc))));
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class Slice(List<TicketFact> items, int from, int to) : IReadOnlyList<TicketFact>
    {
        public int Count => to - from;
        public TicketFact this[int index] => (uint)index < (uint)Count ? items[from + index] : throw new ArgumentOutOfRangeException(nameof(index));
        public IEnumerator<TicketFact> GetEnumerator()
        {
            for (var i = from; i < to; i++) yield return items[i];
        }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private int LowerBound(DateTime utc)
    {
        var index = _sorted.BinarySearch(new TicketFact { CreatedAt = utc, TicketId = int.MinValue }, ByCreation);
        return index < 0 ? ~index : index;
    }

    private async Task CatchUpAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (_watermark < 0)
        {
            await LoadAllAsync(db, ct);
            return;
        }
        // SQLite has one writer at a time, so ids commit in order; other databases get an overlap for late commits.
        var since = db.Database.IsSqlite() ? _watermark : _watermark - Overlap;
        // Ordered by id so SQLite walks the primary key from the watermark (a DISTINCT would scan the whole TicketId index).
        var recent = await db.TicketEvents.AsNoTracking().Where(e => e.Id > since).OrderBy(e => e.Id).Select(e => e.TicketId).Take(PatchLimit + 1).ToListAsync(ct);
        var touched = recent.Distinct().ToList();
        if (touched.Count == 0) return;
        if (recent.Count > PatchLimit)
        {
            await LoadAllAsync(db, ct);
            return;
        }
        var newest = _watermark;
        foreach (var batch in touched.Chunk(500))
        {
            var rows = await Rows(db.TicketEvents.AsNoTracking().Where(e => batch.Contains(e.TicketId))).ToListAsync(ct);
            // A draft and its DraftGenerated event are saved together, so a ticket with new citations is among the touched.
            var cited = (await Citations(db.Drafts.Where(d => batch.Contains(d.TicketId))).ToListAsync(ct)).ToLookup(c => c.TicketId, c => c.DocumentId);
            foreach (var events in rows.GroupBy(r => r.Row.TicketId))
            {
                newest = Math.Max(newest, events.Max(r => r.Id));
                Put(TicketFact.Build(events.OrderBy(r => r.Row.At).ThenBy(r => r.Id).Select(r => r.Row).ToList(), cited[events.Key].ToArray()));
            }
        }
        _watermark = newest;
    }

    private async Task LoadAllAsync(AppDbContext db, CancellationToken ct)
    {
        // Citations first, as two flat columns in ticket order (2M pairs for a million tickets are 16 MB this way),
        // then merged into the events stream, which comes in the same order.
        var (tickets, documents) = (new List<int>(), new List<int>());
        await foreach (var c in Citations(db.Drafts).AsAsyncEnumerable().WithCancellation(ct))
        {
            tickets.Add(c.TicketId);
            documents.Add(c.DocumentId);
        }
        var (citedTicket, citedDocument) = (tickets.ToArray(), documents.ToArray());
        Array.Sort(citedTicket, citedDocument); // sorting here is cheaper than asking SQLite to
        var next = 0;
        var facts = new List<TicketFact>();
        var ticket = new List<EventRow>();
        long newest = 0;
        // Streamed in (TicketId, At) order from its index: one ticket's events at a time, never the whole table in memory.
        await foreach (var (id, row) in Rows(db.TicketEvents.AsNoTracking().OrderBy(e => e.TicketId).ThenBy(e => e.At).ThenBy(e => e.Id)).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (ticket.Count > 0 && ticket[0].TicketId != row.TicketId) Flush();
            ticket.Add(row);
            newest = Math.Max(newest, id);
        }
        Flush();
        facts.Sort(ByCreation);
        // Copied (and interned) in creation order, so a range is read front to back in memory. Left in ticket-id order,
        // a year's query chased a cache miss per ticket wherever ids and creation times disagree (imports, backfills):
        // 250 ms instead of ~100 for a million tickets.
        var sorted = new List<TicketFact>(facts.Count);
        foreach (var fact in facts) sorted.Add(Intern(fact));
        facts.Clear();
        (_sorted, _byId, _watermark) = (sorted, sorted.ToDictionary(f => f.TicketId), newest);

        void Flush()
        {
            if (ticket.Count == 0) return;
            var id = ticket[0].TicketId;
            while (next < citedTicket.Length && citedTicket[next] < id) next++; // citations of tickets without events
            var first = next;
            while (next < citedTicket.Length && citedTicket[next] == id) next++;
            if (TicketFact.Build(ticket, citedDocument[first..next]) is { } fact) facts.Add(fact);
            ticket.Clear();
        }
    }

    private sealed record CitationRow(int TicketId, int DocumentId);

    private static IQueryable<CitationRow> Citations(IQueryable<Drafting.Draft> drafts) =>
        drafts.AsNoTracking().SelectMany(d => d.Citations, (d, c) => new CitationRow(d.TicketId, c.DocumentId));

    private static IQueryable<(long Id, EventRow Row)> Rows(IQueryable<Events.TicketEvent> events) =>
        events.Select(e => ValueTuple.Create(e.Id, new EventRow(e.TicketId, e.Type, e.At, e.UserId, e.Model, e.PromptVersion, e.EditRatio, e.Reason, e.Confidence, e.Category, e.Queue)));

    private void Put(TicketFact? fact)
    {
        if (fact is null) return;
        fact = Intern(fact);
        if (_byId.TryGetValue(fact.TicketId, out var old)) _sorted.RemoveAt(_sorted.BinarySearch(old, ByCreation));
        var at = _sorted.BinarySearch(fact, ByCreation);
        _sorted.Insert(at < 0 ? ~at : at, fact); // new tickets are the newest: an append, not a shift
        _byId[fact.TicketId] = fact;
    }

    private TicketFact Intern(TicketFact f)
    {
        string? I(string? s) => s is null ? null : _strings.TryGetValue(s, out var known) ? known : _strings[s] = s;
        return new TicketFact
        {
            TicketId = f.TicketId, CreatedAt = f.CreatedAt, Category = I(f.Category), Queue = I(f.Queue), FirstShownAt = f.FirstShownAt,
            ReopenedInWindow = f.ReopenedInWindow, FallbackDrafts = f.FallbackDrafts, EscalationDrafts = f.EscalationDrafts, LowestConfidence = f.LowestConfidence, KnowledgeRejection = I(f.KnowledgeRejection),
            CitedDocuments = f.CitedDocuments,
            FirstReply = f.FirstReply is { } r ? r with { UserId = I(r.UserId), Model = I(r.Model), PromptVersion = I(r.PromptVersion), Reason = I(r.Reason) } : null,
            Drafts = f.Drafts.Select(d => d with { UserId = I(d.UserId), Model = I(d.Model), PromptVersion = I(d.PromptVersion), Reason = I(d.Reason) }).ToArray(),
        };
    }
}

/// <summary>Loads the facts cache at start, so the first manager to open the dashboard does not wait for it
/// (about 15 s for a million tickets on a 2-core machine).</summary>
public sealed partial class TicketFactsWarmup(TicketFactsCache cache, Microsoft.Extensions.Logging.ILogger<TicketFactsWarmup> log) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await cache.ReadAsync(DateTime.MinValue, DateTime.MinValue, f => f.Count, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(log, ex); // the first dashboard query loads it instead
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Microsoft.Extensions.Logging.LogLevel.Warning, "Loading the dashboard's facts cache at start failed; the first dashboard query will load it")]
    private static partial void LogFailed(Microsoft.Extensions.Logging.ILogger logger, Exception ex);
}
