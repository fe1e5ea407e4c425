using ChargeController.Firmware.Config;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Trace;

namespace ChargeController.PileSim;

/// <summary>`PileSim run &lt;scenario-file&gt; [--trace &lt;file&gt;] [--set key=value ...] [--memory]`: a scenario on virtual time.</summary>
public static class ScenarioCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
            return Usage.Fail("run needs a scenario file");
        var scenarioPath = args[1];
        string? tracePath = null;
        var settings = new List<string>();
        MemoryMeter? memory = null;
        for (var i = 2; i < args.Length; i++)
        {
            if (args[i] == "--trace" && i + 1 < args.Length)
                tracePath = args[++i];
            else if (args[i] == "--set" && i + 1 < args.Length)
                settings.Add(args[++i]);
            else if (args[i] == "--memory")
                memory = new MemoryMeter();
            else
                return Usage.Fail($"unknown argument '{args[i]}'");
        }
        if (!File.Exists(scenarioPath))
            return Usage.Fail($"no such scenario file: {scenarioPath}");

        var parse = ScenarioParser.Parse(File.ReadAllText(scenarioPath));
        if (!parse.Succeeded)
        {
            Console.Error.WriteLine($"{scenarioPath}: {parse.Error}");
            return 1;
        }
        // the command line wins over the scenario's own settings
        var config = ScenarioRunner.ConfigFor(parse.Steps);
        foreach (var setting in settings)
        {
            var error = config.SetAssignment(setting);
            if (error != null)
                return Usage.Fail(error);
        }
        using var trace = tracePath == null ? Console.Out : new StringWriter();
        IEventWriter writer = new JsonTraceWriter(new WriterSink(trace));
        var refusal = ScenarioRunner.Run(parse.Steps, config, memory == null ? writer : memory.LeavingOut(writer), memory);
        if (refusal != null)
        {
            Console.Error.WriteLine($"{scenarioPath}: {refusal}");
            return 1;
        }
        if (tracePath != null)
            File.WriteAllText(tracePath, trace.ToString());
        if (memory != null)
            Console.Error.WriteLine(memory.Json);
        return 0;
    }
}
