namespace SupportCopilot.Core.Samples;

/// <summary>One labelled ticket of knowledge-samples/tickets.json (also the input format of the evaluation harness).</summary>
public sealed record SampleTicket(string Id, string Subject, string Body, string CustomerEmail, string? CustomerName,
    SampleLabels Labels, SampleExpectation? Expected);

public sealed record SampleLabels(string Category, string Priority, string Type, string Language);

/// <summary>Where the answer lives, for tickets the knowledge base answers.</summary>
public sealed record SampleExpectation(string Document, string? Section, int? Page);
