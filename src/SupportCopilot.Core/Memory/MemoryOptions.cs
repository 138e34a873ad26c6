using System.ComponentModel.DataAnnotations;

namespace SupportCopilot.Core.Memory;

/// <summary>How drafting uses the memory of sent replies (section "Memory").</summary>
public sealed class MemoryOptions
{
    public const string Section = "Memory";

    /// <summary>Past replies inform drafts (evidence for models, a reused reply without one). Off: knowledge only.</summary>
    public bool UseInDrafts { get; set; } = true;

    /// <summary>Without a model, the best past reply is proposed when its cosine similarity reaches this and the knowledge
    /// base is unsure (see <see cref="ReuseWhenKnowledgeBelow"/>). 0.65 is where both replay sets (tickets-multilang-dev,
    /// eShopSupport dev with the manuals) gain on both measures, ROUGE-L and answer cosine; lower thresholds still gain
    /// ROUGE-L but lose cosine on eShop (eval/README.md, "Reply memory").</summary>
    [Range(0.0, 1.0)] public double ReuseAbove { get; set; } = 0.65;

    /// <summary>The knowledge confidence under which a past reply is preferred to quoting a passage.</summary>
    [Range(0.0, 1.0)] public double ReuseWhenKnowledgeBelow { get; set; } = Drafting.ExtractiveDrafter.UnsureBelow;

    /// <summary>Past replies at least this similar are given to a model as a second kind of evidence ([T1], [T2]).</summary>
    [Range(0.0, 1.0)] public double EvidenceAbove { get; set; } = 0.5;

    [Range(0, 5)] public int EvidenceCount { get; set; } = 2;

    /// <summary>The ticket page's "Similar answered tickets" lists only past tickets at least this similar: the nearest
    /// few are always found, and a purifier question next to a Wi-Fi answer "10 % similar" only costs the agent a read.</summary>
    [Range(0.0, 1.0)] public double ShowAbove { get; set; } = 0.3;
}
