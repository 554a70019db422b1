using System.Globalization;
using System.Text;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Logging;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>What a chat session can change between turns with a slash command.</summary>
internal sealed class ChatState(Endpoint endpoint, RequestSettings settings, OutputSettings output, ConversationHistory history)
{
    public Endpoint Endpoint { get; set; } = endpoint;
    public RequestSettings Settings { get; set; } = settings;
    public OutputSettings Output { get; set; } = output;
    public ConversationHistory History { get; set; } = history;
}

/// <summary>
/// `reason chat`'s slash commands: /help, /exit (/quit), /model [NAME], /think on|off (/hide), /system [TEXT|off], /clear,
/// /save FILE. Anything else starting with "/" is refused rather than sent; "//" sends a prompt that starts with "/".
/// </summary>
internal static class SlashCommands
{
    public const string Help = """
        /help             these commands
        /model [NAME]     show the model, or use NAME for the next turns
        /think on|off     show the reasoning, or nothing of it (the model still reasons); /hide is /think off
        /system [TEXT]    show the system prompt, or set it for the next turns (/system off clears it)
        /clear            start a new conversation (the earlier turns are no longer sent)
        /save FILE        write the conversation so far to FILE as markdown
        /exit, /quit      end the session (so do Ctrl+D and Ctrl+C twice)
        //text            send a prompt that starts with "/"
        Alt+Enter, or a prompt opened with three double quotes, writes more than one line; Ctrl+R searches earlier prompts.
        """;

    /// <summary>What to do with a line of input.</summary>
    public enum SlashOutcome
    {
        /// <summary>Send it as the prompt.</summary>
        Send,

        /// <summary>A command was carried out; read the next line.</summary>
        Handled,

        /// <summary>End the session.</summary>
        Exit,
    }

    /// <summary>Carries out <paramref name="line"/> when it is a command; <paramref name="prompt"/> is what to send otherwise.</summary>
    public static SlashOutcome Run(string line, ChatState state, MessagePrinter messages, out string prompt)
    {
        prompt = line;
        if (!line.StartsWith('/')) return SlashOutcome.Send;
        if (line.StartsWith("//", StringComparison.Ordinal))
        {
            prompt = line[1..];
            return SlashOutcome.Send;
        }

        string name = line.Split(' ', 2)[0].ToLowerInvariant();
        string argument = line.Length > name.Length ? line[name.Length..].Trim() : "";
        switch (name)
        {
            case "/exit" or "/quit":
                return SlashOutcome.Exit;
            case "/help" or "/?":
                foreach (string help in Help.Split('\n')) messages.Note(help);
                return SlashOutcome.Handled;
            case "/model":
                if (argument.Length > 0) state.Endpoint = state.Endpoint with { Model = argument };
                messages.Note($"model: {state.Endpoint.Model} (via {state.Endpoint.ProviderName})");
                return SlashOutcome.Handled;
            case "/think" when argument is "on" or "off":
                state.Output = state.Output with { Reasoning = argument == "on" ? ReasoningView.Show : ReasoningView.Hide };
                messages.Note(argument == "on" ? "the reasoning is shown" : "the reasoning is hidden (the model still reasons)");
                return SlashOutcome.Handled;
            case "/hide":
                state.Output = state.Output with { Reasoning = ReasoningView.Hide };
                messages.Note("the reasoning is hidden (the model still reasons); /think on shows it");
                return SlashOutcome.Handled;
            case "/system":
                if (argument.Length > 0) state.Settings = state.Settings with { System = argument is "off" or "-" ? null : argument };
                messages.Note(state.Settings.System is { } system ? "system prompt: " + system : "no system prompt");
                return SlashOutcome.Handled;
            case "/clear":
                state.History = ConversationHistory.New();
                messages.Note($"a new conversation: {state.History.Id} (the earlier turns are no longer sent)");
                return SlashOutcome.Handled;
            case "/save" when argument.Length > 0:
                Save(state, argument, messages);
                return SlashOutcome.Handled;
            default:
                messages.Warning($"{name} is not a command here; nothing was sent.", "/help lists the commands; //text sends a prompt starting with \"/\"");
                return SlashOutcome.Handled;
        }
    }

    private static void Save(ChatState state, string path, MessagePrinter messages)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Conversation {state.History.Id}\n");
        foreach (var turn in state.History.Turns.Where(t => t.Prompt.Length > 0))
        {
            text.Append("\n## You\n\n").Append(turn.Prompt.TrimEnd()).Append('\n');
            text.Append(CultureInfo.InvariantCulture, $"\n## {turn.Model}\n\n");
            if (turn.Reasoning.Length > 0)
            {
                text.Append("<details><summary>Reasoning</summary>\n\n").Append(turn.Reasoning.TrimEnd()).Append("\n\n</details>\n\n");
            }

            text.Append(turn.Answer.Length > 0 ? turn.Answer.TrimEnd() : "(no answer: " + turn.Status + ")").Append('\n');
        }

        try
        {
            File.WriteAllText(path, text.ToString());
            messages.Note($"saved {state.History.Turns.Count} turn{(state.History.Turns.Count == 1 ? "" : "s")} to {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            messages.Warning($"could not save to {path}: {e.Message}");
        }
    }
}
