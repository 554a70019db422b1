using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Support;

/// <summary>The command-line options that point `reason` at a replay server with the sandbox's fake key.</summary>
public static class LiveServer
{
    public static string[] Args(ReplayServer server, params string[] more) =>
        ["--provider", "deepseek", "--base-url", server.BaseUri.ToString(), "--api-key-env", Sandbox.KeyVariable, "--retries", "0", .. more];

    public static Sandbox WithKey(this Sandbox sandbox)
    {
        sandbox.Environment[Sandbox.KeyVariable] = Sandbox.Key;
        return sandbox;
    }
}
