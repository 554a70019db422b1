using Samples.WebRelay;

var app = WebRelayApp.Build(args);
await app.RunAsync();
