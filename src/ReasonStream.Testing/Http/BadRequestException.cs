namespace ReasonStream.Testing.Http;

/// <summary>A request the server cannot serve: answered with <see cref="StatusCode"/> and the message, then the connection closes.</summary>
internal sealed class BadRequestException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static BadRequestException Malformed(string detail) => new(400, "Malformed request: " + detail);
}
