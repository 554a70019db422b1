using System.Net.ServerSentEvents;
using System.Text.Json;

namespace ReasonStream.AspNetCore.Tests.Support;

/// <summary>One browser connection to a relay's event stream, read with the runtime's own SSE parser.</summary>
public sealed class RelayEvents : IAsyncDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _items;

    private RelayEvents(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> items)
    {
        _response = response;
        _items = items;
    }

    public HttpResponseMessage Response => _response;

    public List<SseItem<string>> Received { get; } = [];

    public static async Task<RelayEvents> OpenAsync(HttpClient http, string streamId, string? lastEventId = null, string? query = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/relay/{streamId}/events{query}");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(HangGuard);
        var stream = await response.Content.ReadAsStreamAsync();
        return new RelayEvents(response, SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator());
    }

    /// <summary>The next event, or null at the end of the response.</summary>
    public async Task<SseItem<string>?> NextAsync()
    {
        if (!await _items.MoveNextAsync().AsTask().WaitAsync(HangGuard)) return null;
        Received.Add(_items.Current);
        return _items.Current;
    }

    /// <summary>Reads until <paramref name="stop"/> holds for an event (inclusive) or the response ends.</summary>
    public async Task ReadUntilAsync(Func<SseItem<string>, bool> stop)
    {
        while (await NextAsync() is { } item)
        {
            if (stop(item)) return;
        }
    }

    public Task ReadToEndAsync() => ReadUntilAsync(_ => false);

    /// <summary>The browser's connection dies: the response is abandoned and its socket closed.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _items.DisposeAsync();
        }
        catch (Exception error) when (error is IOException or HttpRequestException or OperationCanceledException)
        {
            // Abandoning mid-stream is the point.
        }

        _response.Dispose();
    }

    public static string Text(IEnumerable<SseItem<string>> events, string kind) =>
        string.Concat(events.Where(e => e.EventType == kind).Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("text").GetString()));

    public static JsonElement Data(SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement.Clone();
}
