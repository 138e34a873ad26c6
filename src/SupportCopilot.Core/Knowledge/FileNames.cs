using System.Text;

namespace SupportCopilot.Core.Knowledge;

public static class FileNames
{
    /// <summary>
    /// A display name safe to store and show: no directories (either slash), no control or reserved characters,
    /// at most 200 characters. "../../etc/passwd" → "passwd". Invisible format characters go too: a right-to-left
    /// override (U+202E) makes "report\u202Efdp.exe" display as "reportexe.pdf".
    /// </summary>
    public static string Sanitize(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault(p => p.Length > 0) ?? "";
        var sb = new StringBuilder();
        foreach (var ch in last.Normalize(NormalizationForm.FormC))
        {
            if (char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.Format) continue; // bidi controls, zero-width
            sb.Append(char.IsControl(ch) || "<>:\"|?*".Contains(ch) ? '_' : ch);
        }
        var clean = sb.ToString().Trim().TrimStart('.').Trim();
        if (clean.Length > 200) clean = clean[..(200 - Path.GetExtension(clean).Length)] + Path.GetExtension(clean);
        return clean.Length == 0 ? "document" : clean;
    }
}
