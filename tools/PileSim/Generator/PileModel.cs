using ChargeController.Firmware.Config;
using ChargeController.Runtime.Console;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Site;
using ChargeController.Runtime;
using ChargeController.Sim.Console;
using ChargeController.Sim.Scenarios;

namespace ChargeController.PileSim.Generator;

/// <summary>
/// What the simulated pile and its vehicle can take next, as the generator sees them: the refusals of the parser and of
/// <see cref="SimulatedPile"/> (a vehicle verb without a plug, a meter verb on a meterless pile, a lock verb on a tethered
/// one, the console while the power is off, a full command inbox or console buffer, damaging a configuration never
/// stored), judged from the steps so far. Where the pile's own timing decides (when its link is back, when it has read
/// what was typed), the model assumes the worst: a step it allows is never refused.
/// </summary>
public sealed class PileModel
{
    /// <summary>Nothing is certain while the link is down: the pile keeps its command results until it is back.</summary>
    private const long Indefinitely = long.MaxValue / 4;
    /// <summary>After `link up` the pile reconnects on its backoff: at most 300 s, +20 % jitter.</summary>
    private const long ReconnectMs = 400_000;
    /// <summary>A boot, a reboot the console or a command asked for, the end of a hang: the pile is itself again within this.</summary>
    private const long SettleMs = 15_000;
    /// <summary>How long a stored change of the console or the platform may hold the configuration's one write.</summary>
    private const long ForeignWriteMs = 5_000;
    /// <summary>The console buffer the model fills at most: the pile's receive buffer less a margin.</summary>
    private const int ConsoleBytes = SimConsolePort.ReceiveBytes * 3 / 4;

    private readonly PileConfig _config = new();
    private PileConfig? _stored;
    private readonly Backlog _commands = new(PileRuntime.CommandInboxCapacity, 20_000);
    private readonly Backlog _console = new(ConsoleBytes, 10_000);
    private long _stalledUntilMs;
    private long _linkDoubtUntilMs;
    private long _foreignConfigWriteMs = long.MinValue / 2;
    private bool _configCommandWaiting;
    private long _wallClockAtZeroS;

    public long NowMs { get; private set; }
    public bool Plugged { get; private set; }
    public bool Powered { get; private set; } = true;
    public bool LinkDown { get; private set; }
    /// <summary>A configuration change of the `config` verb is surely on the flash (for `storage damage config all`).</summary>
    public bool ConfigStored { get; private set; }
    /// <summary>The copy it wrote is surely intact (for `storage damage config`).</summary>
    public bool IntactConfigCopy { get; private set; }

    public bool Tethered => _config.Get(ConfigKeys.Connector) == 1;
    public bool HasMeter => MeterSetup.ProfileFrom(_config) != null;
    public bool ThreePhase => MeterSetup.Phases(_config) == 3;
    public bool PlatformAuth => _config.Get(ConfigKeys.AuthMode) == 1;
    public bool ClockSet => _wallClockAtZeroS != 0;
    /// <summary>The pile's wall clock in Unix seconds now, or 0 while it has none.</summary>
    public long WallClockS => ClockSet ? _wallClockAtZeroS + NowMs / 1000 : 0;

    /// <returns>why the pile would refuse <paramref name="step"/> now, or null</returns>
    public string? Refusal(ScenarioStep step)
    {
        if (step.TimeMs < NowMs)
            return "time goes back";
        if (step.Verb == ScenarioVerb.Set && step.TimeMs != 0)
            return "'set' only at 0s";
        var plug = PlugRule.Refusal(step.Verb, Plugged);
        if (plug != null)
            return plug;
        if (IsMeterVerb(step.Verb) && !HasMeter)
            return "no meter";
        if (step.Verb is >= ScenarioVerb.SiteLoad and <= ScenarioVerb.SiteMeterSwap && SiteSetup.ProfileFrom(_config) == null)
            return "no site meter";
        if (step.Verb == ScenarioVerb.SiteMeterSwap && !HasMeter)
            return "no meter to swap with";
        if (IsLockVerb(step.Verb) && Tethered)
            return "no plug lock";
        var now = step.TimeMs;
        return step.Verb switch
        {
            ScenarioVerb.PowerCut when !Powered => "the power is off already",
            ScenarioVerb.PowerRestore when Powered => "the power is on already",
            ScenarioVerb.LinkDown when LinkDown => "the network is down already",
            ScenarioVerb.LinkUp when !LinkDown => "the network is up already",
            ScenarioVerb.Console when !Powered => "the power is off",
            ScenarioVerb.Console when !_console.Fits(step.Text.Length + 1, now, _stalledUntilMs) => "the console may still hold what was typed",
            ScenarioVerb.Cmd when Powered && !_commands.Fits(1, now, CommandDoubtUntil) => "the command inbox may be full",
            ScenarioVerb.StorageDamageConfig when !IntactConfigCopy => "no surely intact stored configuration",
            ScenarioVerb.StorageDamageConfigAll when !ConfigStored => "no surely stored configuration",
            _ => null,
        };
    }

    /// <summary>Takes in a step <see cref="Refusal"/> allowed.</summary>
    public void Apply(ScenarioStep step)
    {
        var now = NowMs = step.TimeMs;
        Plugged = PlugRule.PluggedAfter(step.Verb, Plugged);
        if (_commands.Waiting(now, CommandDoubtUntil) == 0)
            _configCommandWaiting = false;
        switch (step.Verb)
        {
            case ScenarioVerb.Set: _config.SetAssignment(step.Text); break;
            case ScenarioVerb.PowerCut: Powered = false; break;
            case ScenarioVerb.PowerRestore:
                Powered = true;
                Stall(now + SettleMs);
                break;
            case ScenarioVerb.Reboot: Stall(now + SettleMs); break;
            case ScenarioVerb.Hang: Stall(now + step.Number + SettleMs); break;
            case ScenarioVerb.LinkDown:
                LinkDown = true;
                _linkDoubtUntilMs = Indefinitely;
                break;
            case ScenarioVerb.LinkUp:
                LinkDown = false;
                _linkDoubtUntilMs = now + ReconnectMs;
                break;
            case ScenarioVerb.Clock: _wallClockAtZeroS = ScenarioParser.UnixSeconds(step.Text) - now / 1000; break;
            case ScenarioVerb.ConfigChange: ChangeConfig(step.Text, now); break;
            case ScenarioVerb.StorageDamageConfig: IntactConfigCopy = false; break;
            case ScenarioVerb.StorageDamageConfigAll: IntactConfigCopy = false; break;
            case ScenarioVerb.Console: TakeConsoleLine(step.Text, now); break;
            case ScenarioVerb.Cmd: TakeCommand(step.Text, now); break;
        }
    }

    private long CommandDoubtUntil => Math.Max(_stalledUntilMs, _linkDoubtUntilMs);

    private void Stall(long untilMs) => _stalledUntilMs = Math.Max(_stalledUntilMs, untilMs);

    /// <summary>The verb's change is stored at once unless the configuration's one write is taken by another change.</summary>
    private void ChangeConfig(string assignment, long now)
    {
        var clean = Powered && now >= _stalledUntilMs && now - _foreignConfigWriteMs >= ForeignWriteMs && !_configCommandWaiting;
        _stored ??= Copy(_config);
        var candidate = Copy(_stored);
        if (!clean || candidate.SetConsistent(assignment) != null)
            return;
        _stored = candidate;
        ConfigStored = IntactConfigCopy = true;
    }

    private void TakeConsoleLine(string line, long now)
    {
        _console.Put(line.Length + 1, now, _stalledUntilMs);
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var command = ConsoleCommands.Match(words);
        if (command == null)
            return;
        if (command.Name == "config set")
            _foreignConfigWriteMs = now;
        if (command.Name == "reboot")
            Stall(now + SettleMs);
    }

    private void TakeCommand(string json, long now)
    {
        if (!Powered)
            return; // nothing hears it
        _commands.Put(1, now, CommandDoubtUntil);
        if (json.Contains("\"config\""))
        {
            _configCommandWaiting = true;
            _foreignConfigWriteMs = now;
        }
        if (json.Contains("\"reboot\""))
            Stall(now + SettleMs);
    }

    private static PileConfig Copy(PileConfig config)
    {
        var copy = new PileConfig();
        copy.CopyFrom(config);
        return copy;
    }

    private static bool IsMeterVerb(ScenarioVerb verb) =>
        verb is ScenarioVerb.MeterOffline or ScenarioVerb.MeterOnline or ScenarioVerb.MeterGarbage or ScenarioVerb.MeterBackwards
            or ScenarioVerb.MeterSlaveError or ScenarioVerb.MeterFlaky;

    private static bool IsLockVerb(ScenarioVerb verb) => verb is ScenarioVerb.LockJam or ScenarioVerb.LockStuck or ScenarioVerb.LockOk;
}
