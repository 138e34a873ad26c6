using System.Text;

namespace SupportCopilot.Core.Knowledge;

/// <summary>Decides the format by content (magic bytes), then hands off to the format's extractor.</summary>
public static class TextExtractor
{
    public const long MaxBytes = 50 * 1024 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ExtractedDocument Extract(string fileName, byte[] bytes)
    {
        if (bytes.Length == 0) throw new DocumentRejectedException("The file is empty.");
        if (bytes.Length > MaxBytes) throw new DocumentRejectedException($"The file is larger than {MaxBytes / (1024 * 1024)} MB.");

        if (StartsWith(bytes, "%PDF-"u8)) return PdfExtractor.Extract(fileName, bytes);
        if (StartsWith(bytes, "PK\x03\x04"u8))
            throw new DocumentRejectedException("DOCX and other ZIP-based files are not supported yet; save the document as PDF.");

        string text;
        try { text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException) { throw new DocumentRejectedException("The file is neither PDF nor UTF-8 text."); }
        if (text.Contains('\0')) throw new DocumentRejectedException("The file looks binary, not text.");
        if (string.IsNullOrWhiteSpace(text)) throw new DocumentRejectedException("The file contains no text.");

        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var head = text.TrimStart()[..Math.Min(200, text.TrimStart().Length)].ToLowerInvariant();
        // Markdown and plain text share no magic bytes, so for text the extension breaks the tie.
        if (head.StartsWith("<!doctype html") || head.StartsWith("<html") || ext is ".html" or ".htm")
            return HtmlExtractor.Extract(fileName, text);
        if (ext is ".md" or ".markdown") return MarkdownExtractor.Extract(fileName, text);
        return new ExtractedDocument("text/plain", null, [new Section(Path.GetFileNameWithoutExtension(fileName), null, text)]);
    }

    private static bool StartsWith(byte[] bytes, ReadOnlySpan<byte> magic) => bytes.AsSpan().StartsWith(magic);
}
