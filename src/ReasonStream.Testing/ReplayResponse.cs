using System.Text;

namespace ReasonStream.Testing;

/// <summary>
/// One scripted reply: status, headers, body bytes, how the body is paced and split into writes, and any faults.
/// Immutable; build one with a factory method and adjust it with <c>with { ... }</c>.
/// Faults combine: delays apply first (headers, then body), then the body is written up to
/// <see cref="AbortAfterBytes"/> or <see cref="StallAfterBytes"/> (whichever is smaller) or to the end.
/// </summary>
/// <example>
/// <code>
/// ReplayResponse.FromSseFile("deepseek-reasoner-01.sse") with { Pacing = ReplayPacing.DelayBetweenEvents(TimeSpan.FromMilliseconds(20)), StallAfterBytes = 500 }
/// </code>
/// </example>
public sealed partial record ReplayResponse
{
    /// <summary>The content type of streamed bodies.</summary>
    public const string EventStreamContentType = "text/event-stream; charset=utf-8";

    /// <summary>The comment written by default as an SSE keep-alive.</summary>
    public const string DefaultKeepAliveComment = ": keep-alive\n\n";

    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>HTTP status code. Default 200.</summary>
    public int StatusCode
    {
        get;
        init => field = value is >= 100 and <= 999 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Not an HTTP status code.");
    } = 200;

    /// <summary>The <c>Content-Type</c> header. Default <see cref="EventStreamContentType"/>.</summary>
    public string ContentType { get; init; } = EventStreamContentType;

    /// <summary>Extra response headers (for example <c>Retry-After</c>). Names are case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body bytes, served exactly.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Send a <c>Content-Length</c> header instead of chunked encoding. Set by <see cref="Error(int, string, string)"/>; off for streams.</summary>
    public bool SendContentLength { get; init; }

    /// <summary>When each write goes out. Default <see cref="ReplayPacing.FullSpeed"/>.</summary>
    public ReplayPacing Pacing
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = ReplayPacing.FullSpeed;

    /// <summary>Where the body is cut into separate flushed writes. Default <see cref="WriteSplit.PerEvent"/>.</summary>
    public WriteSplit WriteSplit
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = WriteSplit.PerEvent;

    /// <summary>Fault: wait this long before sending the response headers (the server accepted the request but says nothing).</summary>
    public TimeSpan DelayBeforeHeaders
    {
        get;
        init => field = NonNegative(value);
    }

    /// <summary>
    /// Fault: after the headers, wait this long before the first body byte, sending
    /// <see cref="KeepAliveComment"/> every <see cref="KeepAliveInterval"/> meanwhile if that is set.
    /// </summary>
    public TimeSpan DelayBeforeBody
    {
        get;
        init => field = NonNegative(value);
    }

    /// <summary>
    /// Send <see cref="KeepAliveComment"/> every this often while waiting in <see cref="DelayBeforeBody"/> and while
    /// stalled (<see cref="StallAfterBytes"/>). Keep-alives are extra bytes: they do not count toward body offsets.
    /// Default: none.
    /// </summary>
    public TimeSpan? KeepAliveInterval
    {
        get;
        init => field = value is null || value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The keep-alive interval must be positive.");
    }

    /// <summary>The raw text of one keep-alive. Default <see cref="DefaultKeepAliveComment"/>.</summary>
    public string KeepAliveComment
    {
        get;
        init => field = string.IsNullOrEmpty(value) ? throw new ArgumentException("The keep-alive text must not be empty.", nameof(value)) : value;
    } = DefaultKeepAliveComment;

    /// <summary>
    /// Fault: after exactly this many body bytes (the whole body if it is shorter), close the connection abruptly,
    /// without the clean end of the response, so the client sees an incomplete stream (an <see cref="IOException"/>).
    /// Every byte before the cut still arrives, even if the client reads late: the server half-closes the socket
    /// after the flushed bytes, then releases the connection when the client closes it or the server is disposed.
    /// </summary>
    public int? AbortAfterBytes
    {
        get;
        init => field = NonNegative(value);
    }

    /// <summary>
    /// Fault: after exactly this many body bytes (the whole body if it is shorter), stop writing but keep the
    /// connection open (sending keep-alives if <see cref="KeepAliveInterval"/> is set) until the client disconnects
    /// or the server is disposed, which then aborts the connection.
    /// </summary>
    public int? StallAfterBytes
    {
        get;
        init => field = NonNegative(value);
    }

    /// <summary>Serves the bytes of a recorded <c>.sse</c> file exactly.</summary>
    /// <param name="path">Path of the file.</param>
    public static ReplayResponse FromSseFile(string path) => new() { Body = File.ReadAllBytes(path) };

    /// <summary>
    /// Serves a <c>.chunks.jsonl</c> recording (one chunk JSON per line): each non-blank line is framed as
    /// <c>data: LINE\n\n</c>, then <c>data: [DONE]\n\n</c> is added unless <paramref name="appendDone"/> is false.
    /// </summary>
    /// <param name="path">Path of the file.</param>
    /// <param name="appendDone">Whether to end with the <c>[DONE]</c> sentinel.</param>
    public static ReplayResponse FromChunksJsonl(string path, bool appendDone = true) =>
        new() { Body = SseFraming.FrameJsonLines(File.ReadAllBytes(path), appendDone) };

    /// <summary>Serves these bytes exactly (they are copied).</summary>
    /// <param name="body">The body.</param>
    public static ReplayResponse FromBytes(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new() { Body = body.ToArray() };
    }

    /// <summary>Serves this text, UTF-8 encoded, exactly.</summary>
    /// <param name="body">The body.</param>
    public static ReplayResponse FromText(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new() { Body = Encoding.UTF8.GetBytes(body) };
    }

    /// <summary>
    /// A whole JSON reply, as a model list (<c>GET .../models</c>, <c>/api/tags</c>) or Ollama's <c>/api/show</c> answers:
    /// the status, <c>application/json</c>, a <c>Content-Length</c>, the body in one write.
    /// </summary>
    /// <param name="json">The body, e.g. <c>{"object":"list","data":[{"id":"deepseek-flash","object":"model"}]}</c>.</param>
    /// <param name="statusCode">HTTP status. Default 200.</param>
    public static ReplayResponse FromJson(string json, int statusCode = 200) => Error(statusCode, json);

    /// <summary>A hand-written stream: <c>data: JSON\n\n</c> for each payload, then <c>data: [DONE]\n\n</c>.</summary>
    /// <param name="jsonPayloads">Chunk payloads, each on one line.</param>
    public static ReplayResponse FromChunks(params string[] jsonPayloads)
    {
        ArgumentNullException.ThrowIfNull(jsonPayloads);
        var text = new StringBuilder();
        foreach (var payload in jsonPayloads) text.Append("data: ").Append(payload).Append("\n\n");
        byte[] body = [.. Encoding.UTF8.GetBytes(text.ToString()), .. DoneEvent];
        return new() { Body = body };
    }

    /// <summary>
    /// A non-streaming error reply: the status, the body in one write, and a <c>Content-Length</c>.
    /// Add headers such as <c>Retry-After</c> with <see cref="WithHeader"/>.
    /// </summary>
    /// <param name="statusCode">HTTP status, e.g. 429.</param>
    /// <param name="body">The body, e.g. <c>{"error":{"message":"Rate limit"}}</c> or an HTML page.</param>
    /// <param name="contentType">Its content type, e.g. <c>text/html</c>.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by the body's type (text, bytes), so no call is ambiguous.")]
    public static ReplayResponse Error(int statusCode, string body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return new()
        {
            StatusCode = statusCode,
            ContentType = contentType,
            Body = Encoding.UTF8.GetBytes(body),
            SendContentLength = true,
            WriteSplit = WriteSplit.WholeBody,
        };
    }

    /// <summary>A script fragment: <paramref name="failure"/> for the first <paramref name="attempts"/> requests, then <paramref name="then"/>.</summary>
    /// <param name="attempts">How many requests fail; 0 or more.</param>
    /// <param name="failure">The failing reply, e.g. a 503.</param>
    /// <param name="then">The reply after the failures.</param>
    public static ReplayResponse[] FailFirst(int attempts, ReplayResponse failure, ReplayResponse then)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempts);
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(then);
        return [.. Enumerable.Repeat(failure, attempts), then];
    }

    /// <summary>A copy with one more response header (replacing any of the same name).</summary>
    /// <param name="name">Header name, e.g. <c>Retry-After</c>.</param>
    /// <param name="value">Header value, e.g. <c>2</c>.</param>
    public ReplayResponse WithHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        var headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase) { [name] = value };
        return this with { Headers = headers };
    }

    /// <summary>
    /// A copy whose body has <paramref name="rawText"/> inserted after the first <paramref name="eventCount"/> events
    /// (blank-line-terminated blocks, comments included), e.g. <c>event: error\ndata: {...}\n\n</c> or
    /// <c>data: {"error":{...}}\n\n</c>. The text is inserted exactly, so include its trailing blank line.
    /// </summary>
    /// <param name="eventCount">Events to keep before the injection; 0 injects at the very start.</param>
    /// <param name="rawText">The text to inject.</param>
    /// <param name="dropRest">Drop the rest of the body after the injection (the stream ends with it).</param>
    /// <exception cref="ArgumentOutOfRangeException">The body has fewer than <paramref name="eventCount"/> events.</exception>
    public ReplayResponse InjectAfterEvents(int eventCount, string rawText, bool dropRest = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eventCount);
        ArgumentNullException.ThrowIfNull(rawText);
        var boundaries = SseEventBoundaries.Find(Body.Span);
        if (eventCount > boundaries.Length)
            throw new ArgumentOutOfRangeException(nameof(eventCount), eventCount, $"The body has only {boundaries.Length} events.");

        var at = eventCount == 0 ? 0 : boundaries[eventCount - 1];
        var rest = dropRest ? [] : Body.Span[at..];
        byte[] body = [.. Body.Span[..at], .. Encoding.UTF8.GetBytes(rawText), .. rest];
        return this with { Body = body };
    }

    private static TimeSpan NonNegative(TimeSpan value) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.");

    private static int? NonNegative(int? value) =>
        value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.");
}
