using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using SupportCopilot.Core.Drafting;
using SupportCopilot.Core.Models;
using SupportCopilot.Core.Tickets;

namespace SupportCopilot.Core.Tests.Models;

/// <summary>Model calls are traced (gen_ai spans with model and tokens) and fallbacks counted; no prompt text outside Development.</summary>
public class ModelTelemetryTests
{
    [Fact]
    public async Task ModelCalls_AreTracedWithoutPromptText_AndFallbacksAreCounted()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ModelChain.TelemetryName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var fallbacks = new List<(long Value, string Tags)>();
        using var meters = new MeterListener { InstrumentPublished = (i, l) => { if (i.Meter.Name == ModelChain.TelemetryName && i.Name == "supportcopilot.model.fallbacks") l.EnableMeasurementEvents(i); } };
        // The listener is process-wide and other tests run in parallel: keep only this test's model, and lock the list.
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var text = string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
            if (text.Contains("broken-model")) lock (fallbacks) fallbacks.Add((value, text));
        });
        meters.Start();

        await using var down = await FakeOllama.StartAsync();
        down.ChatStatus = 500;
        await using var up = await FakeOllama.StartAsync();
        await using var host = await TestHost.StartAsync(settings: new()
        {
            ["Models:Chat:0:Provider"] = "Ollama", ["Models:Chat:0:Endpoint"] = down.Url.ToString(), ["Models:Chat:0:Model"] = "broken-model",
            ["Models:Chat:1:Provider"] = "Ollama", ["Models:Chat:1:Endpoint"] = up.Url.ToString(), ["Models:Chat:1:Model"] = "good-model",
        });
        await host.IngestAsync("guide.md", Encoding.UTF8.GetBytes("# Filter reset\n\nHold the Filter button for five seconds until you hear a long beep."));
        var ticket = await host.Get<TicketService>().CreateAsync(new NewTicket("Filter reset", "SECRET-TICKET-TEXT how do I reset the filter?", "a@example.com"));

        await host.Get<DraftingService>().EnsureDraftAsync(ticket.Id);

        Assert.Contains(fallbacks, f => f.Value == 1 && f.Tags.Contains("model=broken-model") && f.Tags.Contains("reason=HTTP 500"));
        var good = Assert.Single(spans, s => s.Tags.Any(t => t.Key == "gen_ai.request.model" && t.Value == "good-model"));
        Assert.True(good.TagObjects.Any(t => t.Key == "gen_ai.usage.input_tokens"), string.Join(", ", good.TagObjects.Select(t => t.Key)));
        var everything = string.Join("\n", spans.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString()).Concat(s.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString())))));
        Assert.DoesNotContain("SECRET-TICKET-TEXT", everything); // not Development: no prompt or ticket text in telemetry
    }
}
