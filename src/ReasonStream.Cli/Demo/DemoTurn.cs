namespace ReasonStream.Cli.Demo;

/// <summary>One scripted turn of the demo: what the user asks, what the model thinks, what it answers.</summary>
internal sealed record DemoTurn(string Question, string Reasoning, string Answer, int PromptTokens, int CachedPromptTokens);
