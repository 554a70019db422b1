namespace ReasonStream;

/// <summary>What went wrong, for callers that switch rather than catch (a CLI choosing its exit code).</summary>
public enum ReasonStreamErrorKind
{
    /// <summary>401/403: the key was missing, wrong or not allowed.</summary>
    Authentication,

    /// <summary>402: the account has no balance or credits left.</summary>
    InsufficientBalance,

    /// <summary>404, or 400 naming the model: the model does not exist (or was retired).</summary>
    UnknownModel,

    /// <summary>400/422: the server rejected the request.</summary>
    InvalidRequest,

    /// <summary>429: too many requests.</summary>
    RateLimited,

    /// <summary>5xx: the server failed or is overloaded.</summary>
    ServerError,

    /// <summary>The server could not be reached (DNS, refused connection, TLS, connect timeout).</summary>
    ConnectionFailed,

    /// <summary>The connection dropped, or the stream ended without finishing.</summary>
    Interrupted,

    /// <summary>No data arrived within the first-token timeout.</summary>
    FirstTokenTimeout,

    /// <summary>Data stopped arriving for longer than the stall timeout.</summary>
    Stalled,

    /// <summary>The provider reported an error inside the stream, after HTTP 200.</summary>
    ProviderError,

    /// <summary>The bytes were not a valid stream: malformed event, invalid JSON, invalid UTF-8.</summary>
    Protocol,

    /// <summary>Any other HTTP status.</summary>
    Http,
}
