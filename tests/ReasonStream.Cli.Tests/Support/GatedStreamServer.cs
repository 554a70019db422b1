using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReasonStream.Cli.Tests.Support;

/// <summary>
/// Serves one chat-completions stream in two parts on 127.0.0.1: the first at once, the second only when the test calls
/// <see cref="Release"/> — so a test can act (resize the window) while the stream is surely mid-way, without a clock.
/// </summary>
public sealed class GatedStreamServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatedStreamServer(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(() => ServeAsync(before, after));
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    /// <summary>Sends the second part.</summary>
    public void Release() => _gate.TrySetResult();

    private async Task ServeAsync(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        HttpListenerContext context;
        try
        {
            context = await _listener.GetContextAsync();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            return;
        }

        using (var reader = new StreamReader(context.Request.InputStream)) await reader.ReadToEndAsync();
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.SendChunked = true;
        var body = context.Response.OutputStream;
        try
        {
            await WriteAsync(body, before);
            await _gate.Task;
            await WriteAsync(body, [.. after, "[DONE]"]);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away.
        }
    }

    private static async Task WriteAsync(Stream body, IEnumerable<string> events)
    {
        foreach (string data in events)
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes("data: " + data + "\n\n"));
            await body.FlushAsync();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _gate.TrySetResult();
        _listener.Close();
    }
}
