using System.IO.Ports;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Metering;
using ChargeController.Hal;

namespace ChargeController.MeterProbe;

/// <summary>MeterProbe's command line, checked: only values a UART and a meter can use get through.</summary>
public sealed class ProbeOptions
{
    /// <summary>The rates the pile can be set to (`meter.baud`): what reads here at another rate would not on the pile.</summary>
    public static readonly int[] BaudRates = ConfigKeys.MeterBaud.Choices.Where(c => c != "profile").Select(int.Parse).ToArray();
    public const int MaxTimeoutMs = 10_000;

    private readonly PileConfig _config = new();

    public string Port { get; private set; } = "";
    public MeterProfile Profile { get; private set; } = MeterProfiles.Ddsu666;
    public byte Address { get; private set; } = 1;
    public int? Baud { get; private set; }
    public Parity Parity { get; private set; } = Parity.None;

    /// <summary>The parity as the firmware's RTU master counts it into a character's length.</summary>
    public SerialParity LineParity => Parity switch { Parity.Even => SerialParity.Even, Parity.Odd => SerialParity.Odd, _ => SerialParity.None };
    public int TimeoutMs { get; private set; } = 300;
    public bool Simulate { get; private set; }
    public bool Garbage { get; private set; }
    public bool SlaveError { get; private set; }
    public bool CorruptCrc { get; private set; }
    /// <summary>Probe it as the pile's site meter (site.meter.*): signed per-phase currents, no power-factor check.</summary>
    public bool Site { get; private set; }

    /// <returns>the options, or null with <paramref name="problem"/> saying what is wrong</returns>
    public static ProbeOptions? Parse(string[] args, out string? problem)
    {
        var options = new ProbeOptions();
        string? port = null;
        var profileName = "ddsu666";
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            var takesValue = option is "--port" or "--profile" or "--address" or "--baud" or "--parity" or "--timeout" or "--set";
            if (takesValue && i + 1 >= args.Length)
            {
                problem = $"{option} needs a value";
                return null;
            }
            var value = takesValue ? args[++i] : "";
            problem = option switch
            {
                "--port" => Accept(() => port = value),
                "--profile" => Accept(() => profileName = value),
                "--address" => options.SetAddress(value),
                "--baud" => options.SetBaud(value),
                "--parity" => options.SetParity(value),
                "--timeout" => options.SetTimeout(value),
                "--set" => options.SetCustom(value),
                "--simulate" => Accept(() => options.Simulate = true),
                "--garbage" => Accept(() => options.Garbage = true),
                "--slave-error" => Accept(() => options.SlaveError = true),
                "--corrupt-crc" => Accept(() => options.CorruptCrc = true),
                "--site" => Accept(() => options.Site = true),
                _ => $"unknown argument '{option}'",
            };
            if (problem != null)
                return null;
        }
        problem = port == null ? "--port is required" : options.SetProfile(profileName);
        if (problem == null && options.Site && profileName == "custom")
            problem = "--site takes a built-in profile (site.meter.profile: ddsu666, dtsu666, sdm120, sdm630)";
        if (problem != null)
            return null;
        options.Port = port!;
        return options;
    }

    /// <summary>An option that cannot be wrong by itself.</summary>
    private static string? Accept(Action set)
    {
        set();
        return null;
    }

    private string? SetAddress(string text)
    {
        if (!int.TryParse(text, out var address) || address is < 1 or > 247)
            return $"--address must be 1..247, not '{text}'";
        Address = (byte)address;
        return null;
    }

    private string? SetBaud(string text)
    {
        if (!int.TryParse(text, out var baud) || !BaudRates.Contains(baud))
            return $"--baud must be one of {string.Join(", ", BaudRates)} (what meter.baud can be set to), not '{text}'";
        Baud = baud;
        return null;
    }

    private string? SetParity(string text)
    {
        if (!(text.ToLowerInvariant() is "none" or "even" or "odd"))
            return $"--parity must be none, even or odd, not '{text}'";
        Parity = Enum.Parse<Parity>(text, ignoreCase: true);
        return null;
    }

    private string? SetTimeout(string text)
    {
        if (!int.TryParse(text, out var timeoutMs) || timeoutMs is < 1 or > MaxTimeoutMs)
            return $"--timeout must be 1..{MaxTimeoutMs} ms, not '{text}'";
        TimeoutMs = timeoutMs;
        return null;
    }

    /// <summary>The firmware's own keys describe a custom meter, so what works here works on the pile.</summary>
    private string? SetCustom(string assignment)
    {
        if (!assignment.StartsWith("meter.custom."))
            return $"--set takes meter.custom.* keys only, not '{assignment}'";
        return _config.SetAssignment(assignment);
    }

    private string? SetProfile(string name)
    {
        var known = ConfigKeys.MeterProfile.Choices.Where(c => c != "none");
        if (!known.Contains(name))
            return $"unknown profile '{name}' (known: {string.Join(", ", known)})";
        _config.SetAssignment(ConfigKeys.MeterProfile.Name + "=" + name);
        Profile = MeterSetup.ProfileFrom(_config);
        if (Profile.Fields.Length == 0)
            return "--profile custom needs at least one register: --set meter.custom.<quantity>.register=<address> (PileSim keys lists them)";
        return null;
    }
}
