using ChargeController.Firmware.Config;
using ChargeController.Runtime.Console;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Storage;
using ChargeController.Runtime;
using ChargeController.Tests.Support;

namespace ChargeController.Tests.SerialConsole;

/// <summary>
/// A simulated pile with its console, built again at every boot as the device's runtime will: the console thread's
/// terminal and the control thread's shell, joined by the two rings, driven alternately on virtual time. Tests type
/// bytes into the in-memory port and read what the console printed.
/// </summary>
public sealed class ConsoleRig
{
    public const string FactoryPin = ConsoleAccess.DefaultFactoryPin;
    public const string TechnicianPin = "482913";
    public static readonly byte[] Salt = Enumerable.Range(1, 16).Select(i => (byte)(i * 7)).ToArray();

    private readonly int _outputBytes;
    private int _boots;

    public ConsoleRig(params string[] settings) : this(ChargeController.Runtime.PileConsole.OutputBytes, settings)
    {
    }

    public ConsoleRig(int outputBytes, params string[] settings)
    {
        _outputBytes = outputBytes;
        Harness = new PileHarness(settings);
        BuildConsole();
        BootOutput = Port.TakeOutput();
    }

    public PileHarness Harness { get; }
    public MemoryByteStream Port { get; private set; } = new();
    public PileConsoleTarget Target { get; private set; } = null!;
    public ConsoleTerminal Terminal { get; private set; } = null!;
    public ConsoleShell Shell { get; private set; } = null!;
    public ConsoleAccess Access { get; private set; } = null!;
    public long NowMs => Harness.NowMs;

    /// <summary>What the console printed at the first boot (its first prompt).</summary>
    public string BootOutput { get; private set; } = "";

    /// <summary>Types <paramref name="text"/>, lets both threads run, one tick passes; returns what the console printed.</summary>
    public string Type(string text)
    {
        Port.Type(text);
        return Settle();
    }

    /// <summary>Types a line ending in CR LF; returns what the console printed (echo, reply, next prompt).</summary>
    public string Run(string line) => Type(line + "\r\n");

    public string Settle()
    {
        Pump();
        Harness.RunTo(NowMs + Firmware.Pile.TickMs); // the pile reacts and the event stream is drained
        if (Harness.Sim.Boots != _boots)
            BuildConsole();
        return Port.TakeOutput();
    }

    /// <summary>Both halves of the console, and the storage thread's flash writes, until none has anything left to do.</summary>
    public void Pump()
    {
        for (var i = 0; i < 10000; i++)
        {
            Terminal.Pump();
            Shell.Service(NowMs);
            Harness.Sim.Runtime.FlashWrites.Run();
            if (Port.Waiting == 0 && !Terminal.Busy)
                return;
        }
        throw new InvalidOperationException("the console did not consume its input");
    }

    public void LoginAs(string pin)
    {
        Run("login");
        Run(pin);
    }

    /// <summary>Sets the technician PIN with the factory login, and stays logged in.</summary>
    public void Commission()
    {
        LoginAs(FactoryPin);
        Run("pin change");
        Run(TechnicianPin);
        Run(TechnicianPin);
    }

    /// <summary>Virtual time passes with nobody typing; the shell runs between ticks.</summary>
    public void Idle(long ms)
    {
        var until = NowMs + ms;
        while (NowMs < until)
        {
            Harness.RunTo(Math.Min(until, NowMs + 1000));
            Shell.Service(NowMs);
        }
    }

    public List<PileEvent> ConsoleEvents => Harness.Recorder.Events.Where(e => e.Kind == EventKind.Console).ToList();

    private void BuildConsole()
    {
        _boots = Harness.Sim.Boots;
        var lines = new ConsoleLineRing(2);
        var output = new ByteRing(_outputBytes);
        var runtime = Harness.Sim.Runtime;
        Access = new ConsoleAccess(new ConsoleAccessStore(Harness.Sim.Store, runtime.FlashWrites), Salt, Harness.Sim.Events, NowMs);
        Target = new PileConsoleTarget(runtime, Harness.Board.Hardware, runtime.ConfigWrite);
        Shell = new ConsoleShell(Target, lines, output, Access, Harness.Sim.Events);
        Terminal = new ConsoleTerminal(Port, lines, output, Access.Salt, FactoryPin);
        Pump();
    }
}
