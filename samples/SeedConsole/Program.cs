using Samples.SeedConsole;

return await SeedConsoleApp.RunAsync(args, Console.Error, Console.Out);
