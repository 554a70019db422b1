using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace ReasonStream;

/// <summary>Turns a failed HTTP response into the typed exception the error table of the design names.</summary>
internal static class ErrorMapper
{
    private const int ShownBodyLength = 300;

    /// <summary>The most of a provider's message that goes into an exception's message (the whole of it stays in ProviderMessage).</summary>
    private const int ShownMessageLength = 500;

    /// <summary>The typed exception for a failed response.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">The response headers (<c>Retry-After</c>).</param>
    /// <param name="body">The first bytes of the body, decoded if it was compressed.</param>
    /// <param name="contentType">The body's content type, for the note on a body that is not JSON.</param>
    /// <param name="request">The request, for the model.</param>
    /// <param name="options">Endpoint, key (to redact), preset (retired models).</param>
    /// <param name="attempts">Attempts made.</param>
    /// <param name="redirectedTo">Where a redirect led the request, when one did: named, since it is often the cause.</param>
    /// <param name="retryRefusal">Why a retryable failure was not retried (the server asked to wait too long), if so.</param>
    public static ReasonStreamException FromResponse(int status, HttpResponseHeaders headers, byte[] body, string? contentType, ChatRequest request, ReasoningClientOptions options, int attempts, Uri? redirectedTo = null, string? retryRefusal = null)
    {
        var read = ErrorBody.Read(status, body, contentType, options.ApiKey);
        var (providerMessage, code, detail, httpPart, nonJson, nonJsonNote) = (read.ProviderMessage, read.Code, read.Detail, read.HttpPart, read.NotJson, read.NotJsonNote);
        string where = ReasoningClientOptions.Display(redirectedTo ?? options.EndpointFor(request.Model));
        string? replacement = options.Provider.RetiredModels.TryGetValue(request.Model, out var newer) ? newer : null;
        string redirectNote = redirectedTo is null ? "" : $" (the request was redirected to {where})";
        string refusalNote = retryRefusal is null ? "" : " " + retryRefusal;

        ReasonStreamException exception = status switch
        {
            401 or 403 => new AuthenticationFailedException((options.ApiKey is null
                ? $"The server requires an API key and none was sent ({httpPart}){detail}{nonJsonNote}"
                : $"The API key from {options.ApiKeySource ?? "the options"} was rejected ({httpPart}){detail}{nonJsonNote}") + redirectNote)
            {
                KeySource = options.ApiKey is null ? null : options.ApiKeySource ?? "the options",
            },
            402 => new InsufficientBalanceException($"The account has insufficient balance ({httpPart}){detail}{redirectNote}"),
            404 when nonJson || !MentionsModel(providerMessage, request.Model) =>
                new HttpStatusException($"Nothing answers at {where} ({httpPart}){detail}{nonJsonNote}{redirectNote}. Check the base URL."),
            404 => UnknownModel(request.Model, replacement, httpPart, detail),
            400 when MentionsModel(providerMessage, request.Model) && LooksLikeUnknownModel(providerMessage) => UnknownModel(request.Model, replacement, httpPart, detail),
            400 or 422 => new InvalidRequestException($"The server rejected the request ({httpPart}){detail}{nonJsonNote}{redirectNote}"),
            429 => new RateLimitedException($"Rate limited ({httpPart}){detail}{nonJsonNote}{redirectNote}.{refusalNote}") { RetryAfter = RetryAfter(headers) },
            >= 500 => new ServerErrorException($"The server failed ({httpPart}){detail}{nonJsonNote}{redirectNote}.{refusalNote}"),
            _ => new HttpStatusException($"Unexpected response ({httpPart}) from {where}{detail}{nonJsonNote}{redirectNote}.{refusalNote}"),
        };

        return With(exception, status, providerMessage, code, request.Model, attempts);
    }

    public static bool IsRetryable(int status) => status is 408 or 409 or 425 or 429 or >= 500;

    public static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta) return delta;
            if (retryAfter.Date is { } date) return date - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        if (headers.TryGetValues("retry-after-ms", out var values) &&
            double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) &&
            double.IsFinite(ms) && ms >= 0)
        {
            // A server's number is not trusted with the client's patience: a day is more than any policy waits.
            return TimeSpan.FromMilliseconds(Math.Min(ms, TimeSpan.FromDays(1).TotalMilliseconds));
        }

        return null;
    }

    public static string? Redact(string? text, string? apiKey) =>
        text is null || string.IsNullOrEmpty(apiKey) || apiKey.Length < 4 ? text : text.Replace(apiKey, "***", StringComparison.Ordinal);

    /// <summary>Bytes with every occurrence of the key (as UTF-8) replaced by <c>***</c>.</summary>
    public static byte[] Redact(ReadOnlySpan<byte> data, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length < 4) return data.ToArray();
        byte[] key = Encoding.UTF8.GetBytes(apiKey);
        var output = new List<byte>(data.Length);
        for (int at; (at = data.IndexOf(key)) >= 0; data = data[(at + key.Length)..])
        {
            output.AddRange(data[..at]);
            output.AddRange("***"u8);
        }

        output.AddRange(data);
        return [.. output];
    }

    public static T With<T>(T exception, int? status, string? providerMessage, string? code, string model, int attempts)
        where T : ReasonStreamException
    {
        exception.StatusCode = status;
        exception.ProviderMessage = providerMessage;
        exception.ProviderCode = code;
        exception.Model = model;
        exception.Attempts = attempts;
        return exception;
    }

    private static UnknownModelException UnknownModel(string model, string? replacement, string httpPart, string detail) =>
        new($"The model '{model}' is not available ({httpPart}){detail}" +
            (replacement is null ? "" : $". '{model}' was retired; use '{replacement}' instead."))
        {
            Replacement = replacement,
        };

    private static bool MentionsModel(string? message, string model) =>
        message is not null && (message.Contains("model", StringComparison.OrdinalIgnoreCase) || message.Contains(model, StringComparison.OrdinalIgnoreCase));

    private static bool LooksLikeUnknownModel(string? message) =>
        message is not null && (message.Contains("not exist", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("not found", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("unknown model", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("invalid model", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("model not", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("not a valid model", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("no such model", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("deprecated", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("retired", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("not supported", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The start of a body as one line of text: decoded (invalid UTF-8 replaced), the key redacted from all of it, then
    /// whitespace folded, control characters replaced, and cut.
    /// </summary>
    public static string Excerpt(byte[] body, string? apiKey) => FirstCharacters(Redact(Encoding.UTF8.GetString(body), apiKey)!);


    private static string FirstCharacters(string text)
    {
        var builder = new StringBuilder(ShownBodyLength);
        bool space = false;
        bool cut = false;
        foreach (char c in text)
        {
            if (builder.Length >= ShownBodyLength)
            {
                cut = true;
                break;
            }

            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space) builder.Append(' ');
            space = false;
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return cut ? builder + "…" : builder.ToString();
    }

    internal static string OneLine(string text) => text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
        ? string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        : text;

    internal static string Shorten(string text) => text.Length <= ShownMessageLength ? text : text[..ShownMessageLength] + "…";
}
