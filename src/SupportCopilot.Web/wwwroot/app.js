// Small browser helpers the server calls through JS interop. Loaded from the app's own origin (no inline script).
window.supportCopilot = {
    // What the agent sees in a reply editor right now: the textarea's own value, read at the moment of Approve/Send.
    // The server compares it with its copy (which only the input events keep up to date) and refuses on a mismatch.
    // Over `max` characters only the length travels back: the server refuses by length without receiving the text.
    readEditor: function (testId, max) {
        const box = document.querySelector('textarea[data-testid="' + testId + '"]');
        if (!box) return { found: false, length: 0, text: null };
        const text = box.value;
        return { found: true, length: text.length, text: text.length > max ? null : text };
    },
    // A macro goes in at the editor's cursor (replacing a selection), then the input event tells the server, as typing
    // would: the server's copy and the screen stay the same text. False when that editor is not there or not editable.
    insertAtCursor: function (testId, text) {
        const box = document.querySelector('textarea[data-testid="' + testId + '"]');
        if (!box || box.disabled || box.readOnly) return false;
        const start = box.selectionStart ?? box.value.length, end = box.selectionEnd ?? start;
        // At the end of a draft the agent never clicked into, the macro starts a paragraph instead of running on from
        // the closing line ("Best regardsHi Robin").
        const gap = start === box.value.length && start > 0 && !box.value.endsWith('\n') ? '\n\n' : '';
        box.setRangeText(gap + text, start, end, 'end');
        box.dispatchEvent(new Event('input', { bubbles: true }));
        box.focus();
        return true;
    },
    // The browser's IANA time zone ("Europe/Berlin"), for pages that show days.
    timeZone: function () {
        try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch { return null; }
    }
};

// Dark mode that follows the device (Theme/ThemePreference.cs): the server rendered the colours it knew; when the
// device says otherwise, remember the device's setting in a cookie and reload once. The session flag stops a loop when
// cookies are blocked.
(function () {
    const html = document.documentElement;
    if (html.dataset.themeMode !== 'system' || !window.matchMedia) return;
    const device = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    if (html.dataset.theme === device || sessionStorage.getItem('sc-theme-reloaded') === device) return;
    document.cookie = 'sc-device-theme=' + device + '; path=/; max-age=31536000; SameSite=Lax';
    sessionStorage.setItem('sc-theme-reloaded', device);
    location.reload();
})();

// Ticket page shortcuts (Tickets/TicketShortcuts.razor): outside text fields, a key presses the button it names — so it
// does what the button does, and nothing while the button is disabled. Esc leaves a text field.
// After `m` the macro search takes a round trip to appear: letters typed meanwhile are kept for it, not taken as
// shortcuts ("order" would otherwise press e = edit and r = reject).
let macroTyped = null;
// The kept letters go in front of whatever is in the field already: the field focuses itself when it arrives
// (AutoFocus), so letters typed from then on go straight into it. (The picker must not select the field's text on that
// focus — MacroPicker's SelectOnActivation — or the next letter replaces the kept ones.)
const handOffMacroTyped = function (search) {
    if (macroTyped === null) return;
    const kept = macroTyped;
    macroTyped = null;
    if (document.activeElement !== search) search.focus();
    if (kept) { search.value = kept + search.value; search.dispatchEvent(new Event('input', { bubbles: true })); }
};
const openMacroSearch = function () {
    const button = document.querySelector('button[data-testid=macro-open]');
    if (!button || button.disabled) return false;
    button.click();
    macroTyped = '';
    const started = Date.now();
    const wait = function () {
        const search = document.querySelector('input[data-testid=macro-search]');
        if (search) handOffMacroTyped(search);
        else if (macroTyped !== null && Date.now() - started < 5000) requestAnimationFrame(wait);
        else macroTyped = null;
    };
    requestAnimationFrame(wait);
    return true;
};

document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing) {
        if (e.key === 'Escape' && target.blur) target.blur();
        return;
    }
    if (macroTyped !== null) {
        if (e.key.length === 1) macroTyped += e.key;
        e.preventDefault();
        const search = document.querySelector('input[data-testid=macro-search]');
        if (search) handOffMacroTyped(search); // it has arrived: hand over now, not a frame later
        return;
    }
    if (!document.querySelector('[data-testid=shortcuts-toggle]')) return;
    const press = function (selector) {
        const button = document.querySelector(selector);
        if (!button || button.disabled) return false;
        button.click();
        return true;
    };
    let done = false;
    switch (e.key) {
        case 'a': done = press('button[data-testid=approve-next]'); break;
        case 'r': done = press('button[data-testid=reject]'); break;
        case 'n': done = press('button[data-testid=next-ticket]'); break;
        case '?': done = press('button[data-testid=shortcuts-toggle]'); break;
        case 'm': {
            // Opens the macro search (it takes the focus itself), or focuses it when it is open already.
            const search = document.querySelector('input[data-testid=macro-search]');
            if (search && !search.disabled) { search.focus(); done = true; } else done = openMacroSearch();
            break;
        }
        case 'e': {
            const editor = document.querySelector('textarea[data-testid=draft-text]');
            if (editor && !editor.disabled && !editor.readOnly) { editor.focus(); done = true; }
            break;
        }
    }
    if (done) e.preventDefault();
});

// Tables wider than their column scroll sideways; a keyboard user must be able to scroll them too (WCAG 2.1.1, axe
// "scrollable-region-focusable"): such a table container becomes focusable, named after the table's caption or label.
(function () {
    const mark = function () {
        document.querySelectorAll('.mud-table-container').forEach(function (box) {
            const scrolls = box.scrollWidth > box.clientWidth + 1;
            if (scrolls && !box.hasAttribute('tabindex')) {
                box.setAttribute('tabindex', '0');
                box.setAttribute('role', 'region');
                box.setAttribute('aria-label', box.closest('[aria-label]')?.getAttribute('aria-label') || 'Table (scrolls sideways)');
            }
        });
    };
    // At most once a frame: a streaming draft changes the page token by token, and reading widths forces a layout.
    let pending = false;
    const soon = function () {
        if (pending) return;
        pending = true;
        requestAnimationFrame(function () { pending = false; mark(); });
    };
    new MutationObserver(soon).observe(document.documentElement, { childList: true, subtree: true });
    window.addEventListener('resize', soon);
})();
