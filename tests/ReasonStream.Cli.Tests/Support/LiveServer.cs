using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Support;

/// <summary>The command-line options that point `reason` at a replay server with the sandbox's fake key.</summary>
public static class LiveServer
{
    public static string[] Args(ReplayServer server, params string[] more) =>
        ["--provider", "deepseek", "--base-url", server.BaseUri.ToString(), "--api-key-env", Sandbox.KeyVariable, "--retries", "0", .. more];

    /// <summary>A subcommand's arguments against any base URL, with the sandbox's key: <c>models --provider deepseek --base-url …</c>.</summary>
    public static string[] Args(string baseUrl, string command, params string[] more) =>
        [command, "--provider", "deepseek", "--base-url", baseUrl, "--api-key-env", Sandbox.KeyVariable, .. more];

    public static Sandbox WithKey(this Sandbox sandbox)
    {
        sandbox.Environment[Sandbox.KeyVariable] = Sandbox.Key;
        return sandbox;
    }
}
