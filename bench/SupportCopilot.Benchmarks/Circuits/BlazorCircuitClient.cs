using System.Buffers;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SupportCopilot.Benchmarks.Circuits;

/// <summary>
/// A Blazor Server client without a browser: it speaks the circuit protocol blazor.web.js speaks (SignalR with the
/// "blazorpack" MessagePack protocol; StartCircuit, UpdateRootComponents with the prerendered markers, render batches
/// acknowledged with OnRenderCompleted, events through the renderer's DispatchEventAsync, navigation through
/// OnLocationChanged) and mirrors the rendered page (<see cref="RenderMirror"/>). Why: 200 Chromium pages on the same two
/// cores as the server time the browsers, not the server; this client costs a few KB and no rendering.
/// JS interop calls from the server are answered "done, no value", as a browser would for the void calls that make up
/// almost all of them; a call that needs a value gets null (components handle that as they handle a JS error).
/// </summary>
internal sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly RenderMirror _mirror = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<RenderMirror, bool> Done, TaskCompletionSource Signal)> _waiters = [];
    private long _rendererInterop = -1;
    private long _nextCallId;

    public string? Error { get; private set; }

    private BlazorCircuitClient(HubConnection hub) => _hub = hub;

    /// <summary>Loads <paramref name="path"/> (prerendered, signed in by <paramref name="cookies"/>) and starts its circuit.</summary>
    public static async Task<BlazorCircuitClient> ConnectAsync(Uri baseUri, string path, CookieContainer cookies, HttpClient http)
    {
        var html = await http.GetStringAsync(path);
        var markers = Markers().Matches(html).Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
            .Where(m => m["descriptor"] is not null).OrderBy(m => (int)m["sequence"]!).ToList();
        var state = State().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), HttpTransportType.WebSockets, o => { o.Cookies = cookies; o.SkipNegotiation = true; });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var client = new BlazorCircuitClient(builder.Build());
        client.Listen();
        await client._hub.StartAsync();

        var circuit = await client._hub.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), new Uri(baseUri, path).ToString(), "[]", state);
        if (circuit is null) throw new InvalidOperationException($"The server refused the circuit: {client.Error}");
        var operations = new JsonObject
        {
            ["batchId"] = 1,
            ["operations"] = new JsonArray(markers.Select((m, i) => (JsonNode)new JsonObject
            {
                ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = m.DeepClone(),
            }).ToArray()),
        };
        await client._hub.SendAsync("UpdateRootComponents", operations.ToJsonString(), state);
        return client;
    }

    private void Listen()
    {
        _hub.On<int, string>("JS.AttachComponent", (componentId, _) => { lock (_gate) _mirror.AttachRoot(componentId); });
        _hub.On<long, byte[]>("JS.RenderBatch", async (batchId, data) =>
        {
            lock (_gate)
            {
                try
                {
                    _mirror.Apply(data);
                }
                catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or NullReferenceException)
                {
                    Error ??= $"render batch {batchId}: {e.Message}";
                }
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (!_waiters[i].Done(_mirror)) continue;
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
            await _hub.SendAsync("OnRenderCompleted", batchId, (string?)null);
        });
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", async (handle, identifier, argsJson, _, _, _) =>
        {
            // The renderer hands over the .NET object that receives browser events; remember it for DispatchEventAsync.
            if (identifier == "Blazor._internal.attachWebRendererInterop"
                && JsonNode.Parse(argsJson)?[1]?["__dotNetObject"] is { } interop) _rendererInterop = (long)interop;
            if (handle == 0) return;
            var answer = identifier == "supportCopilot.readEditor" ? ReadEditor(argsJson) : Answers.GetValueOrDefault(identifier, "null");
            await _hub.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{answer}]");
        });
        _hub.On<string>("JS.Error", message => { Error ??= message; });
        _hub.Closed += e => { Error ??= e?.Message ?? "connection closed"; return Task.CompletedTask; };
    }

    /// <summary>Approve and Send read the editor's text from the browser (what the agent sees is what is sent): a browser
    /// answers with its textarea's value, which here is the value the server last rendered into it.</summary>
    private string ReadEditor(string argsJson)
    {
        var testId = JsonNode.Parse(argsJson)?[0]?.GetValue<string>();
        string? text;
        lock (_gate)
            text = _mirror.AllNodes().FirstOrDefault(n => n.Name == "textarea" && n.Attributes.GetValueOrDefault("data-testid") == testId)?.Attributes.GetValueOrDefault("value");
        return text is null ? """{"found":false,"length":0,"text":null}"""
            : new JsonObject { ["found"] = true, ["length"] = text.Length, ["text"] = text }.ToJsonString();
    }

    /// <summary>What a desktop browser answers to the value-returning calls the ticket page makes; the rest get null.</summary>
    private static readonly Dictionary<string, string> Answers = new(StringComparer.Ordinal)
    {
        ["window.hasOwnProperty"] = "true",
        ["mudpopoverHelper.countProviders"] = "1",
        ["mudResizeListener.getBrowserWindowSize"] = """{"height":1000,"width":1400}""",
        ["Blazor._internal.PageTitle.getAndRemoveExistingTitle"] = "\"SupportCopilot\"",
    };

    /// <summary>Completes when the mirrored page satisfies <paramref name="done"/> (checked after every render batch).</summary>
    public Task WaitForAsync(Func<RenderMirror, bool> done, TimeSpan timeout)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (done(_mirror)) return Task.CompletedTask;
            _waiters.Add((done, signal));
        }
        return signal.Task.WaitAsync(timeout);
    }

    /// <summary>Blazor navigation inside the circuit, as a link click does it (no page load).</summary>
    public Task NavigateAsync(Uri uri) => _hub.SendAsync("OnLocationChanged", uri.ToString(), (string?)null, true);

    /// <summary>Clicks the element matching <paramref name="match"/> through its current onclick handler.</summary>
    public Task ClickAsync(Func<MirrorNode, bool> match)
    {
        ulong handler;
        lock (_gate)
        {
            var element = _mirror.AllNodes().FirstOrDefault(n => n.Kind == MirrorNodeKind.Element && match(n))
                ?? throw new InvalidOperationException("No such element on the page.");
            handler = element.Handlers.GetValueOrDefault("onclick");
        }
        if (handler == 0 || _rendererInterop < 0) throw new InvalidOperationException("The element has no click handler (yet).");
        var args = JsonSerializer.Serialize(new object[]
        {
            new { eventHandlerId = handler, eventName = "click", eventFieldInfo = (object?)null },
            new { detail = 1, screenX = 0, screenY = 0, clientX = 0, clientY = 0, offsetX = 0, offsetY = 0, pageX = 0, pageY = 0, movementX = 0, movementY = 0,
                  button = 0, buttons = 0, ctrlKey = false, shiftKey = false, altKey = false, metaKey = false, type = "click" },
        });
        var callId = Interlocked.Increment(ref _nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _hub.SendAsync("BeginInvokeDotNetFromJS", callId, (string?)null, "DispatchEventAsync", _rendererInterop, args);
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    [GeneratedRegex(@"<!--Blazor:(\{""type"":""server"".*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Markers();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex State();

    /// <summary>The MessagePack hub protocol under the name Blazor's hub accepts ("blazorpack"; the wire format is the same).</summary>
    private sealed class BlazorPackProtocol : IHubProtocol
    {
        private readonly MessagePackHubProtocol _inner = new();
        public string Name => "blazorpack";
        public int Version => _inner.Version;
        public TransferFormat TransferFormat => _inner.TransferFormat;
        public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);
        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
            _inner.TryParseMessage(ref input, binder, out message);
        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);
        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
    }
}
