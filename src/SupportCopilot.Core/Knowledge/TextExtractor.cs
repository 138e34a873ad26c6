using System.Text;

namespace SupportCopilot.Core.Knowledge;

/// <summary>Decides the format by content (magic bytes), then hands off to the format's extractor.</summary>
public static class TextExtractor
{
    public const long MaxBytes = 50 * 1024 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Tags nested deeper than this are refused before parsing: browsers stop laying out far earlier, and
    /// the parsers' work grows with depth × size (a 1 MB page of nested divs kept a core busy for minutes).</summary>
    public const int MaxNesting = 256;

    /// <param name="ct">Checked between pages and blocks, so a timed-out extraction stops instead of running on.</param>
    public static ExtractedDocument Extract(string fileName, byte[] bytes, CancellationToken ct = default)
    {
        if (bytes.Length == 0) throw new DocumentRejectedException("The file is empty.");
        if (bytes.Length > MaxBytes) throw new DocumentRejectedException($"The file is larger than {MaxBytes / (1024 * 1024)} MB.");
        try
        {
            return ExtractChecked(fileName, bytes, ct);
        }
        catch (Exception ex) when (ex is not (DocumentRejectedException or OperationCanceledException or OutOfMemoryException))
        {
            // A parser that throws on these bytes will throw again on a retry: the file's fault, final (it was retried 3×).
            throw new DocumentRejectedException($"The file could not be read ({ex.GetType().Name}: {ex.Message})");
        }
    }

    private static ExtractedDocument ExtractChecked(string fileName, byte[] bytes, CancellationToken ct)
    {
        if (StartsWith(bytes, "%PDF-"u8)) return PdfExtractor.Extract(fileName, bytes, ct);
        if (StartsWith(bytes, "PK\x03\x04"u8)) return DocxExtractor.Extract(fileName, bytes);

        var text = Decode(bytes);
        if (text.Contains('\0')) throw new DocumentRejectedException("The file looks binary, not text.");
        if (string.IsNullOrWhiteSpace(text)) throw new DocumentRejectedException("The file contains no text.");

        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var head = text.TrimStart()[..Math.Min(200, text.TrimStart().Length)].ToLowerInvariant();
        // Markdown and plain text share no magic bytes, so for text the extension breaks the tie.
        if (head.StartsWith("<!doctype html") || head.StartsWith("<html") || ext is ".html" or ".htm")
        {
            if (Nesting.HtmlDepth(text) > MaxNesting) throw new DocumentRejectedException($"The HTML nests tags more than {MaxNesting} deep; it is not a readable page.");
            return HtmlExtractor.Extract(fileName, text, ct);
        }
        if (ext is ".md" or ".markdown")
        {
            if (Nesting.MarkdownDepth(text) > MaxNesting) throw new DocumentRejectedException($"The Markdown nests lists or quotes more than {MaxNesting} deep.");
            return MarkdownExtractor.Extract(fileName, text, ct);
        }
        return new ExtractedDocument("text/plain", null, [new Section(Path.GetFileNameWithoutExtension(fileName), null, text)]);
    }

    /// <summary>UTF-8 (with or without BOM), or UTF-16 when the file starts with its byte-order mark (Windows Notepad's "Unicode").</summary>
    private static string Decode(byte[] bytes)
    {
        if (StartsWith(bytes, [0xFF, 0xFE]) || StartsWith(bytes, [0xFE, 0xFF]))
        {
            var utf16 = new UnicodeEncoding(bigEndian: bytes[0] == 0xFE, byteOrderMark: true, throwOnInvalidBytes: true);
            try { return utf16.GetString(bytes, 2, (bytes.Length - 2) & ~1); }
            catch (DecoderFallbackException) { throw new DocumentRejectedException("The file starts like UTF-16 text but is not valid UTF-16."); }
        }
        try { return StrictUtf8.GetString(bytes).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException) { throw new DocumentRejectedException("The file is neither PDF, Word, nor UTF-8/UTF-16 text."); }
    }

    /// <summary>
    /// A cheap look at the first bytes, for refusing an upload before anything is stored: null when the type is
    /// supported, else the reason. The full check happens during extraction.
    /// </summary>
    public static string? Unsupported(string fileName, ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return "The file is empty.";
        if (head.StartsWith("%PDF-"u8) || head.StartsWith("PK\x03\x04"u8)) return null;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return null; // UTF-16 text: zero bytes are normal
        foreach (var (magic, name) in KnownBinaries)
            if (head.StartsWith(magic)) return $"{name} files are not supported. Upload PDF, Word (DOCX), Markdown, HTML or plain text.";
        var sample = head[..Math.Min(head.Length, 4096)];
        if (sample.Contains((byte)0)) return "The file looks binary. Upload PDF, Word (DOCX), Markdown, HTML or plain text.";
        return null;
    }

    private static readonly (byte[] Magic, string Name)[] KnownBinaries =
    [
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], "PNG image"), ([0xFF, 0xD8, 0xFF], "JPEG image"), ("GIF8"u8.ToArray(), "GIF image"),
        ([0xD0, 0xCF, 0x11, 0xE0], "Legacy Office (.doc/.xls)"), ("MZ"u8.ToArray(), "Executable"), ([0x1F, 0x8B], "GZIP archive"),
        ("Rar!"u8.ToArray(), "RAR archive"), ("7z"u8.ToArray(), "7-Zip archive"), ("{\\rtf"u8.ToArray(), "RTF"),
    ];

    private static bool StartsWith(byte[] bytes, ReadOnlySpan<byte> magic) => bytes.AsSpan().StartsWith(magic);
}
