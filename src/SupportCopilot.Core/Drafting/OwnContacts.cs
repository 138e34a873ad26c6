namespace SupportCopilot.Core.Drafting;

/// <summary>
/// Our own links, addresses and numbers a model may put in a draft besides those in the knowledge base
/// (`Drafting:OwnContacts`, plus the address replies are sent from). Never the ticket's: that text is the customer's,
/// or an attacker's.
/// </summary>
public sealed record OwnContacts(IReadOnlyCollection<string> Values);
