using Orchestrator.Cli;

return await OrchestratorCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
