using Samples.ToolAgent;

return await ToolAgentApp.RunAsync(args, Console.Out);
