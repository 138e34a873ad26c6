using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace SupportCopilot.Core.Knowledge;

/// <summary>One section per page so every chunk keeps its page number.</summary>
internal static class PdfExtractor
{
    public static ExtractedDocument Extract(string fileName, byte[] bytes)
    {
        try
        {
            using var pdf = PdfDocument.Open(bytes);
            var title = string.IsNullOrWhiteSpace(pdf.Information.Title) ? Path.GetFileNameWithoutExtension(fileName) : pdf.Information.Title!;
            var sections = new List<Section>();
            var heading = title;
            foreach (var page in pdf.GetPages())
            {
                // page.Text glues lines together; the content-order extractor keeps line breaks.
                var text = ContentOrderTextExtractor.GetText(page).Trim();
                if (text.Length == 0) continue;
                var firstLine = text.Split('\n', 2)[0].Trim();
                // Our manuals open each section on a new page with a short title line: use it as the heading.
                if (firstLine.Length is > 2 and < 80 && !firstLine.EndsWith('.')) heading = $"{title} > {firstLine}";
                sections.Add(new Section(heading, page.Number, text));
            }
            if (sections.Count == 0)
                throw new DocumentRejectedException("The PDF has no extractable text (it may be scanned images; OCR is not available).");
            return new ExtractedDocument("application/pdf", pdf.NumberOfPages, sections);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new DocumentRejectedException("The PDF is encrypted; upload an unprotected copy.");
        }
        catch (Exception ex) when (ex is not DocumentRejectedException)
        {
            throw new DocumentRejectedException($"The PDF could not be read ({ex.GetType().Name}); it may be damaged.");
        }
    }
}
