using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace ReasonStream.Latency;

/// <summary>One way of reading the paced stream, stamping <see cref="RunTimes.Consumed"/> as each delta comes into its hands.</summary>
internal abstract class Consumer(string name)
{
    public string Name { get; } = name;

    /// <summary>Deltas at the start of each run to leave out: a fresh process's first ones measure its start-up, not its reading.</summary>
    public virtual int ColdDeltas => 0;

    public abstract Task RunAsync(Uri baseUri, RunTimes times, CancellationToken cancellationToken);

    protected static HttpRequestMessage ChatRequest(Uri baseUri)
    {
        var content = new ByteArrayContent("""{"model":"deepseek-flash","stream":true,"messages":[{"role":"user","content":"Explain Fermat's Last Theorem."}]}"""u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "chat/completions")) { Content = content };
    }
}

/// <summary>
/// The floor: the same <see cref="HttpClient"/> settings and socket, and a bare line reader — a delta is in hand when
/// its <c>data:</c> line is complete. No SSE parser, no JSON: the transport and nothing else.
/// </summary>
internal sealed class LineFloor(HttpClient http) : Consumer("floor (HttpClient + line reader)")
{
    public override async Task RunAsync(Uri baseUri, RunTimes times, CancellationToken cancellationToken)
    {
        using var request = ChatRequest(baseUri);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await ReadLinesAsync(body, (line, now) =>
        {
            if (line.StartsWith("data: "u8)) Scanner.Scan(line, times.Consumed, now, times.ConsumedOn);
        }, cancellationToken);
    }

    private MarkerScanner Scanner { get; } = new();

    public delegate void LineHandler(ReadOnlySpan<byte> line, long timestamp);

    /// <summary>Reads <paramref name="body"/> to its end, handing each complete line (without its <c>\n</c>) to <paramref name="onLine"/> with the time it was found.</summary>
    public static async Task ReadLinesAsync(Stream body, LineHandler onLine, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int start = 0, end = 0;
        while (true)
        {
            if (end == buffer.Length)
            {
                if (start == 0) Array.Resize(ref buffer, buffer.Length * 2);
                else
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }
            }

            int n = await body.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (n == 0) return;
            end += n;
            int newline;
            while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
            {
                onLine(buffer.AsSpan(start, newline), Stopwatch.GetTimestamp());
                start += newline + 1;
            }

            if (start == end) start = end = 0;
        }
    }
}

/// <summary>
/// The parsing floor (as in <c>bench/Shared/FloorLoop.cs</c>): <see cref="SseParser"/> and a <see cref="Utf8JsonReader"/>
/// that only finds <c>reasoning_content</c> and <c>content</c> and makes them strings — the least a real client parses.
/// </summary>
internal sealed class ParsingFloor(HttpClient http) : Consumer("floor (SseParser + Utf8JsonReader)")
{
    private readonly MarkerScanner _scanner = new();

    public override async Task RunAsync(Uri baseUri, RunTimes times, CancellationToken cancellationToken)
    {
        using var request = ChatRequest(baseUri);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var parser = SseParser.Create(body, static (_, data) => DeltaText(data));
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            long now = Stopwatch.GetTimestamp();
            if (item.Data is { } text) _scanner.Scan(text, times.Consumed, now, times.ConsumedOn);
        }
    }

    private static string? DeltaText(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8)) return null;
        var reader = new Utf8JsonReader(data);
        string? text = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 4 &&
                (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("reasoning_content"u8)))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) text = reader.GetString();
            }
        }

        return text;
    }
}

/// <summary>ReasonStream: <see cref="ReasoningClient.StreamAsync(ChatRequest, CancellationToken)"/> with the default options; a delta is in hand when its update is.</summary>
internal sealed class LibraryConsumer(HttpClient http) : Consumer("ReasonStream StreamAsync (defaults)")
{
    private readonly MarkerScanner _scanner = new();
    private readonly ChatRequest _request = new("deepseek-flash", [Message.User("Explain Fermat's Last Theorem.")]);
    private ReasoningClient? _client;

    public override async Task RunAsync(Uri baseUri, RunTimes times, CancellationToken cancellationToken)
    {
        _client ??= new ReasoningClient(new ReasoningClientOptions { BaseUri = baseUri, ApiKey = "sk-bench" }, http);
        await foreach (var update in _client.StreamAsync(_request, cancellationToken))
        {
            long now = Stopwatch.GetTimestamp();
            var text = update switch
            {
                ReasoningDelta reasoning => reasoning.Text,
                AnswerDelta answer => answer.Text,
                _ => null,
            };
            if (text is not null) _scanner.Scan(text, times.Consumed, now, times.ConsumedOn);
        }
    }
}

/// <summary>
/// A child process whose standard output and error this process reads: a delta is in hand when a read of either pipe
/// returns its marker — so what is measured ends at the child's write to its stdout or stderr (plus the pipe's wake-up,
/// the same for every child).
/// </summary>
internal sealed class ProcessConsumer(string name, Func<Uri, ProcessStartInfo> start, string dataFolder) : Consumer(name)
{
    public override int ColdDeltas => 20;

    public override async Task RunAsync(Uri baseUri, RunTimes times, CancellationToken cancellationToken)
    {
        var info = start(baseUri);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        info.Environment["REASON_DATA_DIR"] = Path.Combine(dataFolder, "data");
        info.Environment["REASON_CONFIG_DIR"] = Path.Combine(dataFolder, "config");
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        process.StandardInput.Close();
        var errorText = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput.BaseStream, times, null, cancellationToken);
        var stderr = PumpAsync(process.StandardError.BaseStream, times, errorText, cancellationToken);
        await Task.WhenAll(stdout, stderr);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{info.FileName} exited with {process.ExitCode}: {Tail(errorText)}");
    }

    private static async Task PumpAsync(Stream pipe, RunTimes times, StringBuilder? keep, CancellationToken cancellationToken)
    {
        var scanner = new MarkerScanner();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await pipe.ReadAsync(buffer, cancellationToken)) > 0)
        {
            long now = Stopwatch.GetTimestamp();
            scanner.Scan(buffer.AsSpan(0, n), times.Consumed, now);
            if (keep is not null && keep.Length < 100_000) keep.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
    }

    private static string Tail(StringBuilder text) => text.Length <= 2000 ? text.ToString() : text.ToString(text.Length - 2000, 2000);
}

/// <summary>
/// ReasonStream read as the <c>reason</c> CLI reads it (<c>Streaming/ExchangeRunner.cs</c>): take each update, then ask
/// for the next one, and only when that is not ready at once send what the updates so far wrote. A delta counts as in
/// hand at that send point — where the CLI's write(2) happens — so the comparison with <see cref="LibraryConsumer"/>
/// is the cost of asking for the next update before writing.
/// </summary>
internal sealed class FlushPointConsumer(HttpClient http) : Consumer("ReasonStream, the CLI's flush point")
{
    private readonly MarkerScanner _scanner = new();
    private readonly ChatRequest _request = new("deepseek-flash", [Message.User("Explain Fermat's Last Theorem.")]);
    private ReasoningClient? _client;

    public override async Task RunAsync(Uri baseUri, RunTimes times, CancellationToken cancellationToken)
    {
        _client ??= new ReasoningClient(new ReasoningClientOptions { BaseUri = baseUri, ApiKey = "sk-bench" }, http);
        await using var updates = _client.StreamAsync(_request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var held = new List<string>();
        while (true)
        {
            var next = updates.MoveNextAsync();
            if (!next.IsCompleted) Send(held, times);
            if (!await next) break;
            if (updates.Current is ReasoningDelta reasoning) held.Add(reasoning.Text);
            else if (updates.Current is AnswerDelta answer) held.Add(answer.Text);
        }

        Send(held, times);
    }

    private void Send(List<string> held, RunTimes times)
    {
        long now = Stopwatch.GetTimestamp();
        foreach (var text in held) _scanner.Scan(text, times.Consumed, now, times.ConsumedOn);
        held.Clear();
    }
}
