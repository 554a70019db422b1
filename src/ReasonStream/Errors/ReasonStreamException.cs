namespace ReasonStream;

/// <summary>
/// The base of every failure ReasonStream reports. Carries the HTTP status, the provider's own message
/// and code, and — for failures after the response began — everything received until then.
/// Messages never contain the API key.
/// </summary>
public class ReasonStreamException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">A clear, complete sentence.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ReasonStreamException(ReasonStreamErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What went wrong.</summary>
    public ReasonStreamErrorKind Kind { get; }

    /// <summary>The HTTP status, when the server answered.</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>The provider's own error message, unchanged.</summary>
    public string? ProviderMessage { get; internal set; }

    /// <summary>The provider's error code or type (e.g. <c>invalid_request_error</c>, <c>tool_use_failed</c>).</summary>
    public string? ProviderCode { get; internal set; }

    /// <summary>The model the request named.</summary>
    public string? Model { get; internal set; }

    /// <summary>Everything received before the failure; null when it failed before any response.</summary>
    public ChatResult? PartialResult { get; internal set; }

    /// <summary>How many attempts were made (retries included).</summary>
    public int Attempts { get; internal set; } = 1;
}

/// <summary>401/403: the key was rejected. <see cref="KeySource"/> says where it came from; the key itself never appears.</summary>
public sealed class AuthenticationFailedException(string message) : ReasonStreamException(ReasonStreamErrorKind.Authentication, message)
{
    /// <summary>Where the key came from, e.g. <c>environment variable DEEPSEEK_API_KEY</c>; null when no key was sent.</summary>
    public string? KeySource { get; init; }
}

/// <summary>402: the account has no balance or credits left.</summary>
public sealed class InsufficientBalanceException(string message) : ReasonStreamException(ReasonStreamErrorKind.InsufficientBalance, message);

/// <summary>404, or 400 naming the model: the model does not exist here.</summary>
public sealed class UnknownModelException(string message) : ReasonStreamException(ReasonStreamErrorKind.UnknownModel, message)
{
    /// <summary>When the model is a known retired name, the name that replaces it (e.g. <c>deepseek-flash</c>).</summary>
    public string? Replacement { get; init; }
}

/// <summary>400/422: the server rejected the request; <see cref="ReasonStreamException.ProviderMessage"/> says why.</summary>
public sealed class InvalidRequestException(string message) : ReasonStreamException(ReasonStreamErrorKind.InvalidRequest, message);

/// <summary>429: rate limited (after the retry policy gave up).</summary>
public sealed class RateLimitedException(string message) : ReasonStreamException(ReasonStreamErrorKind.RateLimited, message)
{
    /// <summary>The server's <c>Retry-After</c>, when sent.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>5xx: the server failed or is overloaded (after the retry policy gave up).</summary>
public sealed class ServerErrorException(string message) : ReasonStreamException(ReasonStreamErrorKind.ServerError, message);

/// <summary>The server could not be reached.</summary>
public sealed class ConnectionFailedException(string message, Exception? inner) : ReasonStreamException(ReasonStreamErrorKind.ConnectionFailed, message, inner);

/// <summary>The connection dropped mid-stream, or the stream ended without a finish; the partial output is kept.</summary>
public sealed class StreamInterruptedException(string message, Exception? inner = null) : ReasonStreamException(ReasonStreamErrorKind.Interrupted, message, inner);

/// <summary>No data event arrived within the first-token timeout (keep-alive comments do not count).</summary>
public sealed class FirstTokenTimeoutException(string message) : ReasonStreamException(ReasonStreamErrorKind.FirstTokenTimeout, message)
{
    /// <summary>The timeout that expired.</summary>
    public TimeSpan Timeout { get; init; }
}

/// <summary>Data events stopped for longer than the stall timeout; the partial output is kept.</summary>
public sealed class StreamStalledException(string message) : ReasonStreamException(ReasonStreamErrorKind.Stalled, message)
{
    /// <summary>The timeout that expired.</summary>
    public TimeSpan Timeout { get; init; }
}

/// <summary>The provider reported an error inside the stream (after HTTP 200); the partial output is kept.</summary>
public sealed class ProviderStreamException(string message) : ReasonStreamException(ReasonStreamErrorKind.ProviderError, message);

/// <summary>The response was not a valid stream; <see cref="OffendingBytes"/> shows where.</summary>
public sealed class StreamProtocolException(string message, Exception? inner = null) : ReasonStreamException(ReasonStreamErrorKind.Protocol, message, inner)
{
    /// <summary>The start of the offending payload, as text with invalid bytes escaped.</summary>
    public string? OffendingBytes { get; init; }
}

/// <summary>An HTTP status this library has no special meaning for.</summary>
public sealed class HttpStatusException(string message) : ReasonStreamException(ReasonStreamErrorKind.Http, message);

/// <summary>
/// The caller cancelled. Still an <see cref="OperationCanceledException"/>, so ordinary cancellation
/// handling works; <see cref="PartialResult"/> holds what arrived before.
/// </summary>
public sealed class StreamCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="partialResult">What arrived before cancellation.</param>
    /// <param name="token">The token that was cancelled.</param>
    public StreamCanceledException(ChatResult? partialResult, CancellationToken token)
        : base("The stream was cancelled by the caller.", null, token)
    {
        PartialResult = partialResult;
    }

    /// <summary>Everything received before cancellation.</summary>
    public ChatResult? PartialResult { get; }
}
