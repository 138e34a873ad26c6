using System.Net.Mail;

namespace SupportCopilot.Core.Tickets;

/// <summary>An incoming ticket as the API and the agent form submit it.</summary>
public sealed record NewTicket(string? Subject, string? Body, string? CustomerEmail, string? CustomerName = null,
    string? ExternalId = null, string? Channel = null)
{
    public const int MaxSubject = 500;
    public const int MaxBody = 100_000;

    /// <summary>Field errors keyed by the JSON property name; empty when the ticket may be stored.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Subject)) errors["subject"] = ["The subject is required."];
        else if (Subject.Length > MaxSubject) errors["subject"] = [$"The subject must be at most {MaxSubject} characters."];
        if (string.IsNullOrWhiteSpace(Body)) errors["body"] = ["The body is required."];
        else if (Body.Length > MaxBody) errors["body"] = [$"The body must be at most {MaxBody} characters."];
        if (string.IsNullOrWhiteSpace(CustomerEmail)) errors["customerEmail"] = ["The customer e-mail is required."];
        else if (CustomerEmail.Length > 320 || !MailAddress.TryCreate(CustomerEmail, out var a) || a.Address != CustomerEmail.Trim())
            errors["customerEmail"] = ["The customer e-mail is not a valid address."];
        if (CustomerName is { Length: > 200 }) errors["customerName"] = ["The customer name must be at most 200 characters."];
        if (ExternalId is { Length: > 200 }) errors["externalId"] = ["The external id must be at most 200 characters."];
        if (Channel is not null && !Enum.TryParse<TicketChannel>(Channel, ignoreCase: true, out _))
            errors["channel"] = [$"The channel must be one of: {string.Join(", ", Enum.GetNames<TicketChannel>())}."];
        return errors;
    }
}
