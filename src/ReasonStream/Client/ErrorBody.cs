using System.Globalization;

namespace ReasonStream;

/// <summary>
/// What a failed response's body says, read once for every request the client makes (streams and model lists): the
/// provider's message and code with the key taken out (an excerpt of a body that is not JSON, redacted before the cut),
/// and the pieces every error message is built from.
/// </summary>
internal sealed record ErrorBody(string? ProviderMessage, string? Code, string Detail, string HttpPart, bool NotJson, string NotJsonNote)
{
    public static ErrorBody Read(int status, byte[] body, string? contentType, string? apiKey)
    {
        ProviderError? error;
        try
        {
            error = ProviderError.TryRead(body);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            error = null; // whatever the body holds, the status still says what went wrong
        }

        // Not JSON (an HTML page from a proxy, plain text): its start shows the cause; the key is taken out of the whole
        // text before the excerpt is cut, so no prefix of it survives at the cut.
        bool notJson = error is null && body.Length > 0;
        string? message = notJson ? ErrorMapper.Excerpt(body, apiKey) : ErrorMapper.Redact(error?.Message, apiKey);
        string? code = error?.Code;
        return new ErrorBody(
            message,
            code,
            message is null ? "" : ": " + ErrorMapper.Shorten(ErrorMapper.OneLine(message)),
            "HTTP " + status.ToString(CultureInfo.InvariantCulture) + (code is null ? "" : ", " + ErrorMapper.Shorten(ErrorMapper.OneLine(code))),
            notJson,
            notJson ? " (the body was not JSON" + (contentType is null ? "" : ", " + contentType) + ")" : "");
    }
}
