namespace SupportCopilot.Core.Knowledge;

/// <summary>A run of text under one heading path (and, for PDFs, on one page).</summary>
public sealed record Section(string HeadingPath, int? Page, string Text);

public sealed record ExtractedDocument(string ContentType, int? PageCount, IReadOnlyList<Section> Sections);

/// <summary>An expected failure with a sentence an admin can act on (shown on the document, never a stack trace).</summary>
public sealed class DocumentRejectedException(string reason) : Exception(reason);
