namespace ReasonStream.Cli.Configuration;

/// <summary>Where the CLI keeps its config file and its log database (XDG conventions, overridable for tests).</summary>
internal sealed record AppPaths(string ConfigDirectory, string DataDirectory)
{
    public const string ConfigDirVariable = "REASON_CONFIG_DIR";
    public const string DataDirVariable = "REASON_DATA_DIR";

    public string ConfigFile => Path.Combine(ConfigDirectory, "config.json");

    public string LogDatabase => Path.Combine(DataDirectory, "reason.db");

    public static AppPaths FromEnvironment()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string config = Env(ConfigDirVariable)
            ?? Path.Combine(Env("XDG_CONFIG_HOME") ?? Path.Combine(home, ".config"), "reasonstream");
        string data = Env(DataDirVariable)
            ?? Path.Combine(Env("XDG_DATA_HOME") ?? Path.Combine(home, ".local", "share"), "reasonstream");
        return new AppPaths(config, data);
    }

    private static string? Env(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
