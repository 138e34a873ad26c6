using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportCopilot.Core.Data;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>The learned half of the injection detector for this process: null until trained (the rules decide alone
/// until then, and always when <c>Guards:LearnedDetector</c> is false).</summary>
public sealed class LearnedInjectionSignal
{
    private InstructionClassifier? _current;
    public InstructionClassifier? Current { get => Volatile.Read(ref _current); set => Volatile.Write(ref _current, value); }
}

/// <summary>
/// Trains the instruction classifier at start, then every <c>Guards:LearnedRetrainHours</c> (24) or sooner once the
/// messages have grown by a fifth (checked hourly, so a new deployment soon learns its first customers): the shipped attack
/// and ordinary sentences plus the sentences of this deployment's latest customer messages, so it learns how this team's
/// customers write: on held-out real tickets, those scoring ≥ 0.5 fell from 13 of 2,181 (fresh) to 0 of 437 (the other
/// four fifths of the set in training), eval/README.md.
/// </summary>
public sealed partial class InstructionClassifierTrainer(IDbContextFactory<AppDbContext> dbFactory, LearnedInjectionSignal signal,
    GuardOptions options, ILogger<InstructionClassifierTrainer> log) : BackgroundService
{
    /// <summary>How many of the latest customer messages teach the classifier how this team's customers write.</summary>
    public const int OwnMessages = 3000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.LearnedDetector) return;
        var every = TimeSpan.FromHours(options.LearnedRetrainHours);
        var (trainedAt, trainedUpTo) = (DateTime.MinValue, -1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var latest = await LatestMessageIdAsync(stoppingToken);
                if (DateTime.UtcNow - trainedAt >= every || Grown(trainedUpTo, latest))
                {
                    await TrainAsync(stoppingToken);
                    (trainedAt, trainedUpTo) = (DateTime.UtcNow, latest);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogFailed(log, ex); }
            try { await Task.Delay(TimeSpan.FromHours(1), stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Messages have grown by a fifth (and at least 50) since the last training: time to learn the new ones.</summary>
    internal static bool Grown(int trainedUpTo, int latest) => trainedUpTo < 0 || latest - trainedUpTo >= Math.Max(50, trainedUpTo / 5);

    private async Task<int> LatestMessageIdAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TicketMessages.MaxAsync(m => (int?)m.Id, ct) ?? 0;
    }

    public async Task TrainAsync(CancellationToken ct)
    {
        List<string> texts;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            texts = await db.TicketMessages.Where(m => m.Author == MessageAuthor.Customer).OrderByDescending(m => m.Id).Take(OwnMessages)
                .Select(m => m.Body).ToListAsync(ct);
        // Training is CPU work of a few seconds: off the request threads.
        var classifier = await Task.Run(() => InstructionClassifier.TrainShipped(texts), ct);
        signal.Current = classifier;
        LogTrained(log, texts.Count);
    }

    [LoggerMessage(LogLevel.Information, "Injection classifier trained with {Messages} of this deployment's customer messages")]
    private static partial void LogTrained(ILogger logger, int messages);

    [LoggerMessage(LogLevel.Error, "Training the injection classifier failed; the rules decide alone until the next try")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
