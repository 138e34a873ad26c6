using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using SupportCopilot.Core.Approval;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Drafting.Guards;
using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Models;

namespace SupportCopilot.Web.Drafting;

/// <summary>The draft of a ticket: review, edit, approve (exactly the text on screen), reject, regenerate, or write your own.</summary>
public partial class DraftPanel
{
    [Parameter, EditorRequired] public Draft? Draft { get; set; }
    [Parameter, EditorRequired] public bool CanApprove { get; set; }
    [Parameter, EditorRequired] public int TicketId { get; set; }
    /// <summary>The ticket as the page read it (with triage), so the preview's style needs no second read; optional.</summary>
    [Parameter] public SupportCopilot.Core.Tickets.Ticket? Ticket { get; set; }
    [Parameter] public EventCallback OnApproved { get; set; }
    /// <summary>Raised with the agent's optional instruction for the new version.</summary>
    [Parameter] public EventCallback<string?> OnRegenerate { get; set; }
    /// <summary>A draft being written right now (model, text so far); null when nothing is generating.</summary>
    [Parameter] public ModelProgress? Streaming { get; set; }
    /// <summary>Stops the generation; the previous draft, if any, stays.</summary>
    [Parameter] public EventCallback OnCancel { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private string _text = "";
    private string _own = "";
    private bool _rejecting;
    private Guid? _loadedStamp;
    private bool _busy;
    private ChunkView? _passage;
    private string? _instruction;
    private ReplyEditor? _draftEditor;
    private ReplyEditor? _ownEditor;
    /// <summary>Why the last Approve/Send sent nothing (the screen and the server disagreed, or too long).</summary>
    private string? _refused;
    private bool _writingOwn;
    private bool _confirming;
    private IReadOnlyList<Commitment> _commitments = [];
    /// <summary>The draft's flags, read once per draft (not on every render): prompt-injection warnings, and the notes
    /// where a past reply disagreed with the knowledge base (without their prefix).</summary>
    private IReadOnlyList<string> _injections = [];
    private IReadOnlyList<string> _conflicts = [];

    /// <summary>The draft's unbacked commitments still in the editor's text (an edit may have taken them out).</summary>
    private IReadOnlyList<Commitment> Unbacked =>
        _commitments.Count == 0 ? _commitments : CommitmentGuard.StillIn(_commitments, _text);


    /// <summary>"llama3.1 (HTTP 500), mistral (timed out after 120 s)": why a later model or the extractive drafter wrote this.</summary>
    private string? FallbackText => Draft?.Fallbacks is null ? null : string.Join(", ", Draft.FallbackList().Select(f => $"{f.Model} ({f.Reason})"));

    /// <summary>What approval will queue for the customer from this text (the preview shows it): markers out, sources in the
    /// customer's language, this agent's signature — computed by the same <see cref="CopyStyles"/> the approval uses.</summary>
    private string ToCustomer(string text) => Draft is null ? text : CustomerCopy.Of(text, Draft.Citations, Draft.MemoryList(), PublicKnowledge.Value.PublicBaseUrl, _style);

    /// <summary>The agent's own reply as sent: with the signature.</summary>
    private string OwnToCustomer(string text) => CustomerCopy.Of(text, [], [], null, _style);

    /// <summary>Buttons wait for the circuit: a click on the prerendered page went nowhere and the agent thought they
    /// had approved. Set after the first interactive render (prerendering never gets there).</summary>
    private bool _interactive;
    private bool Blocked => _busy || !_interactive;

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _interactive = true;
        StateHasChanged();
    }

    private CopyStyle _style = CopyStyle.Plain;
    private (int Ticket, Guid? Stamp)? _styleFor;

    protected override async Task OnParametersSetAsync()
    {
        // Re-read with every new draft: an admin may have changed a signature, triage may have set the language since.
        if (_styleFor == (TicketId, Draft?.ConcurrencyStamp)) return;
        _styleFor = (TicketId, Draft?.ConcurrencyStamp);
        var userId = (await AuthState).User.FindFirstValue(ClaimTypes.NameIdentifier);
        _style = userId is null ? CopyStyle.Plain
            : Ticket is { } ticket && ticket.Id == TicketId ? await Styles.ForAsync(ticket, userId) : await Styles.ForAsync(TicketId, userId);
    }

    private Color ConfidenceColor => Draft is null || Draft.Kind == DraftKind.Escalation ? Color.Warning : ConfidenceBand.Of(Draft) switch
    {
        ConfidenceLevel.Strong => Color.Success,
        ConfidenceLevel.Check => Color.Info,
        _ => Color.Warning,
    };

    // The warning follows the chip's band, so the panel never says "likely right" and "matched poorly" at once: a quote
    // below the coverage line that the calibration trusts (a passage the subject names, a clear leader) is not unsure.
    private bool Unsure => Draft is not null && ConfidenceBand.Of(Draft) == ConfidenceLevel.Unsure;
    private bool Editable => Draft is { Status: DraftStatus.Proposed };

    protected override void OnParametersSet()
    {
        // Reset the editor only when a different draft arrives, so a re-render never discards the agent's edits.
        if (Draft?.ConcurrencyStamp != _loadedStamp)
        {
            _loadedStamp = Draft?.ConcurrencyStamp;
            _text = Draft?.Text ?? "";
            _passage = null;
            _rejecting = false;
            _refused = null;
            // The agent's own words survive a new draft arriving (the drafting worker or a live update can replace the
            // draft while they write, or right after "Use this reply"); only sending them clears them.
            if (_own.Length == 0) _writingOwn = false;
            _confirming = false;
            _commitments = Draft?.CommitmentList() ?? [];
            var flags = Draft?.FlagList() ?? [];
            _injections = flags.Where(f => !f.StartsWith(Draft.ConflictFlag, StringComparison.Ordinal)).ToList();
            _conflicts = flags.Where(f => f.StartsWith(Draft.ConflictFlag, StringComparison.Ordinal)).Select(f => f[Draft.ConflictFlag.Length..]).ToList();
        }
    }

    /// <summary>"Use this reply" from a similar ticket: the agent's own-reply editor opens with it (the draft stays as it
    /// is); sending it still reads the screen, so what is sent is what the agent left there.</summary>
    public void UseReply(string text)
    {
        (_own, _writingOwn) = (text, true);
        StateHasChanged();
    }

    /// <summary>A macro's text: at the cursor of the reply being written — the agent's own reply when that editor is open,
    /// else the editable draft — or, when neither can take it, in a new own-reply editor.</summary>
    public async Task InsertAsync(string text)
    {
        foreach (var editor in _writingOwn ? new[] { "own-text", "draft-text" } : ["draft-text", "own-text"])
        {
            try
            {
                if (await JS.InvokeAsync<bool>("supportCopilot.insertAtCursor", editor, text)) return;
            }
            catch (Exception e) when (e is JSException or JSDisconnectedException) { return; }
        }
        UseReply(text);
    }

    private async Task CtrlEnterAsync()
    {
        if (Editable && CanApprove) await ApproveAsync();
    }

    private async Task ApproveAsync()
    {
        if (Draft is null || string.IsNullOrWhiteSpace(_text)) return;
        // Unbacked commitments take a deliberate second click: neither a single click nor Ctrl+Enter sends them.
        if (Unbacked.Count > 0)
        {
            _confirming = true;
            return;
        }
        await ApproveSeenAsync(confirmed: false);
    }

    private Task ConfirmAndApproveAsync() => ApproveSeenAsync(confirmed: true);

    /// <summary>Set by "Approve &amp; next": once the approval went through, the next open ticket opens.</summary>
    private bool _thenNext;

    private async Task ApproveAndNextAsync()
    {
        _thenNext = true;
        try { await ApproveAsync(); }
        finally { _thenNext = false; }
    }

    private async Task OpenNextAsync(string userId)
    {
        var next = await Tickets.NextOpenAsync(TicketId, userId);
        if (next is null) Snackbar.Add("Approved. No open ticket is waiting: back to the queue.", Severity.Success);
        Navigation.NavigateTo(next is { } id ? $"/tickets/{id}" : "/tickets");
    }

    private async Task ApproveSeenAsync(bool confirmed)
    {
        if (Draft is not { } draft) return;
        await RunAsync(async userId => await SeenAsync(_draftEditor, _text, t => _text = t) is { } text
            ? await Approvals.ApproveAsync(draft.Id, draft.ConcurrencyStamp, text, userId, commitmentsConfirmed: confirmed) : null);
    }

    private async Task SendOwnAsync()
    {
        if (!CanApprove || string.IsNullOrWhiteSpace(_own)) return;
        await RunAsync(async userId => await SeenAsync(_ownEditor, _own, t => _own = t) is { } text
            ? await Approvals.SendOwnReplyAsync(TicketId, text, userId) : null);
    }

    /// <summary>
    /// The text to send, read from the agent's screen at the moment of the click: only when it is what the server holds.
    /// Otherwise nothing is sent, the reason is shown, and a screen the server had lost track of becomes its copy.
    /// </summary>
    private async Task<string?> SeenAsync(ReplyEditor? editor, string serverText, Action<string> resync)
    {
        var seen = editor is null ? SeenReply.Unread : await editor.ReadAsync();
        _refused = seen.Problem(serverText);
        if (_refused is null) return serverText;
        if (seen is { Read: true, Text: { } onScreen }) resync(onScreen);
        return null;
    }

    private async Task RejectAsync((RejectReason Reason, string? Note) r)
    {
        if (Draft is null) return;
        await RunAsync(async userId => await Approvals.RejectAsync(Draft.Id, Draft.ConcurrencyStamp, r.Reason, r.Note, userId));
    }

    /// <summary>One action at a time: a double click or a second Ctrl+Enter while the first runs does nothing.</summary>
    private async Task RunAsync(Func<string, Task<ApprovalResult?>> action)
    {
        if (_busy) return;
        _busy = true;
        try
        {
            var userId = (await AuthState).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            if (await action(userId) is not { } result) return; // refused before the service was asked; _refused says why
            var ok = result.Outcome is ApprovalOutcome.Approved or ApprovalOutcome.AlreadyApproved or ApprovalOutcome.Rejected;
            // Success is shown by the panel itself ("Approved and queued…", "Draft v2 rejected…"): a snackbar would repeat it.
            if (result.Outcome == ApprovalOutcome.NeedsConfirmation) (_confirming, _refused) = (true, result.Message);
            else if (result.Outcome is not (ApprovalOutcome.Approved or ApprovalOutcome.Rejected)) Snackbar.Add(result.Message, ok ? Severity.Success : Severity.Error);
            if (ok) _own = "";
            if (result.Outcome == ApprovalOutcome.Approved && _thenNext)
            {
                await OpenNextAsync(userId);
                return;
            }
            if (ok || result.Outcome == ApprovalOutcome.Conflict) await OnApproved.InvokeAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string RejectLabel(Draft d) => RejectForm.Reasons.FirstOrDefault(r => r.Item1 == d.RejectReason).Item2 ?? "no reason";

    private async Task ShowCitationAsync(DraftCitation c)
    {
        _passage = await Catalog.GetChunkAsync(c.ChunkId);
        if (_passage is null) Snackbar.Add("That passage no longer exists; the document was changed or removed.", Severity.Warning);
    }
}
