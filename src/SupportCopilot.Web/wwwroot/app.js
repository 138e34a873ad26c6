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
    // The browser's IANA time zone ("Europe/Berlin"), for pages that show days.
    timeZone: function () {
        try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch { return null; }
    }
};
