using System.IO.Ports;
using ChargeController.Firmware.Metering;
using ChargeController.MeterProbe;
using ChargeController.Sim.Metering;

// MeterProbe --port /dev/ttyUSB0 --profile ddsu666 [--address 1] [--baud 9600] [--parity none] [--timeout 300]
// MeterProbe --port /dev/ttyUSB1 --profile ddsu666 --simulate [--address 1] [--garbage] [--slave-error] [--corrupt-crc]
// Exit code: 0 the meter reads fine (or the simulation ended), 1 a diagnosis, 2 bad usage.
string? port = null;
string profileName = "ddsu666";
var address = 1;
int? baud = null;
var parity = Parity.None;
var timeoutMs = 300;
var simulate = false;
var garbage = false;
var slaveError = false;
var corruptCrc = false;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    try
    {
        switch (args[i])
        {
            case "--port": port = Value(); break;
            case "--profile": profileName = Value(); break;
            case "--address": address = int.Parse(Value()); break;
            case "--baud": baud = int.Parse(Value()); break;
            case "--parity": parity = Enum.Parse<Parity>(Value(), ignoreCase: true); break;
            case "--timeout": timeoutMs = int.Parse(Value()); break;
            case "--simulate": simulate = true; break;
            case "--garbage": garbage = true; break;
            case "--slave-error": slaveError = true; break;
            case "--corrupt-crc": corruptCrc = true; break;
            default: return Usage($"unknown argument '{args[i]}'");
        }
    }
    catch (Exception e) when (e is ArgumentException or FormatException)
    {
        return Usage(e.Message);
    }
}
if (port == null)
    return Usage("--port is required");
if (address is < 1 or > 247)
    return Usage("--address must be 1..247");
var profile = MeterProfiles.Find(profileName);
if (profile == null)
    return Usage($"unknown profile '{profileName}' (known: {string.Join(", ", MeterProfiles.BuiltIn.Select(p => p.Name))})");
var serial = $"{baud ?? profile.DefaultBaud} 8{parity.ToString()[0]}1";

ISerialLink link;
try
{
    link = new SerialLink(port, baud ?? profile.DefaultBaud, parity);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
{
    Console.Error.WriteLine($"MeterProbe: cannot open {port}: {e.Message}");
    return 1;
}
using (link)
{
    if (simulate)
    {
        var meter = new SimMeter(profile, (byte)address) { Garbage = garbage, SlaveError = slaveError };
        meter.Step(0, 230_000, 0, threePhase: false);
        var slave = new RtuSlave(link, meter) { CorruptCrc = corruptCrc };
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.WriteLine($"MeterProbe: simulating a {profile.Model} at address {address} on {port}, {serial}. Ctrl-C ends.");
        slave.Serve(stop.Token);
        return 0;
    }
    Console.WriteLine($"MeterProbe: {profile.Model} ({profile.Name}) at address {address} on {port}, {serial}, function {profile.Function:D2}");
    var report = Probe.Run(new RtuMaster(link, timeoutMs), profile, (byte)address);
    foreach (var line in Diagnosis.Lines(report, profile, (byte)address, serial))
        Console.WriteLine(line);
    return report.Ok ? 0 : 1;
}

static int Usage(string problem)
{
    Console.Error.WriteLine($"MeterProbe: {problem}");
    Console.Error.WriteLine("usage: MeterProbe --port <serial port> --profile <ddsu666|dtsu666|sdm120|sdm630> [--address 1] [--baud <profile default>]");
    Console.Error.WriteLine("                  [--parity none|even|odd] [--timeout <ms, 300>]");
    Console.Error.WriteLine("       MeterProbe --port <serial port> --profile <name> --simulate [--address 1] [--garbage] [--slave-error] [--corrupt-crc]");
    return 2;
}
