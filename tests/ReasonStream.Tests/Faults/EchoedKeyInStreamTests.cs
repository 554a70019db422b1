using System.Text;
using ReasonStream.Testing;
using ReasonStream.Tests.Integration;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Faults;

/// <summary>
/// A server that answers 200 and echoes the key in what it sends instead of a stream: the excerpt the error shows is
/// redacted before it is cut, so not even the start of a key straddling the cut survives.
/// </summary>
public sealed class EchoedKeyInStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(180)]
    [InlineData(195)]
    [InlineData(280)]
    [InlineData(286)]
    public async Task A_200_html_page_echoing_the_key_never_shows_it_whole_or_cut(int keyAt)
    {
        string page = "<html>" + new string('z', keyAt) + Replay.Key + " rejected</html>";
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(200, page, "text/html"));
        using var client = Replay.Client(server);

        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());

        KeyCanary.AssertAbsent(error.Message);
        KeyCanary.AssertAbsent(error.OffendingBytes);
        Assert.StartsWith("<html>", error.OffendingBytes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(175)]
    [InlineData(184)]
    [InlineData(199)]
    public async Task A_malformed_event_echoing_the_key_never_shows_it_whole_or_cut(int keyAt)
    {
        string data = "{\"oops\" " + new string('z', keyAt) + Replay.Key + " more}";
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromBytes(Encoding.UTF8.GetBytes("data: " + data + "\n\n")));
        using var client = Replay.Client(server);

        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());

        KeyCanary.AssertAbsent(error.Message);
        KeyCanary.AssertAbsent(error.OffendingBytes);
        Assert.StartsWith("{\"oops\"", error.OffendingBytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_echoed_twice_in_a_malformed_event_never_shows_its_start()
    {
        string data = "{\"oops\" " + Replay.Key + new string('z', 205 - 8 - Replay.Key.Length) + Replay.Key + " more}";
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromBytes(Encoding.UTF8.GetBytes("data: " + data + "\n\n")));
        using var client = Replay.Client(server);

        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());

        KeyCanary.AssertAbsent(error.Message);
        KeyCanary.AssertAbsent(error.OffendingBytes);
    }

    [Fact]
    public async Task A_key_echoed_as_an_event_type_is_not_quoted_in_the_description()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromBytes(Encoding.UTF8.GetBytes("data: {\"type\":\"" + Replay.Key + "\"}\n\n")));
        using var client = Replay.Client(server, o => o.Protocol = WireProtocol.AnthropicMessages);

        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());

        KeyCanary.AssertAbsent(error.Message);
    }
}
