using System.CommandLine;
using FokkerPlanck.Scenarios;

namespace FokkerPlanck.Cli;

/// <summary>The 'scenarios' and 'show-scenario' commands.</summary>
internal static class ScenarioCommands
{
    public static Command List()
    {
        var cmd = new Command("scenarios", "List the built-in scenarios with one-line descriptions");
        cmd.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            foreach (var name in BuiltInScenarios.Names)
            {
                var s = BuiltInScenarios.Get(name);
                o.WriteLine($"{name,-18} {s.Dimension}D {s.Process.Kind,-14} {s.Description}{(name == BuiltInScenarios.Default ? " (default)" : "")}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    public static Command Show()
    {
        var name = new Argument<string>("name") { Description = "Built-in scenario name" };
        var cmd = new Command("show-scenario", "Print a built-in scenario's JSON with every default written out") { name };
        cmd.SetAction(pr =>
        {
            pr.InvocationConfiguration.Output.WriteLine(CliApp.LoadScenario(pr.GetValue(name)).ToJson());
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
