using System.IO.Ports;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Metering;
using ChargeController.Hal;
using ChargeController.MeterProbe;
using ChargeController.Sim.Metering;
using ChargeController.Tools;

// Exit code: 0 the meter reads fine (or the simulation ended), 1 a diagnosis or a port that cannot be opened, 2 bad usage.
var cli = new CommandLine("MeterProbe", """
    usage: MeterProbe --port <serial port> [--profile ddsu666|dtsu666|sdm120|sdm630|custom] [--address 1]
                      [--baud <profile default>] [--parity none|even|odd] [--timeout <ms, 300>] [--set meter.custom.<key>=<value> ...] [--site]
           MeterProbe --port <serial port> [--profile <name>] --simulate [--address 1] [--garbage] [--slave-error] [--corrupt-crc]
           MeterProbe --help | --version
      reads a meter over a USB-RS485 adapter with the firmware's profile and diagnoses what is wrong;
      --profile is ddsu666 when not given; --profile custom describes the meter with the firmware's meter.custom.* keys (PileSim keys lists them);
      --simulate answers as a simulated meter instead, to test an adapter and its wiring;
      --site probes it as the pile's site meter (site.meter.*): each phase's current signed, import or export.
    """);
return cli.Run(args, Probe);

int Probe(string[] args)
{
    var options = ProbeOptions.Parse(args, out var problem);
    if (options == null)
        return cli.Usage(problem!);
    if (!File.Exists(options.Port) && !Directory.Exists(options.Port))
        return cli.Fail($"there is no serial device {options.Port}; {SerialPorts.Listing()}");
    if (SerialPorts.NotASerialPort(options.Port) is { } notAPort)
        return cli.Fail($"{notAPort}; {SerialPorts.Listing()}");
    var profile = options.Profile;
    var baud = options.Baud ?? profile.DefaultBaud;
    var serial = $"{baud} 8{options.Parity.ToString()[0]}1";

    ISerialLink link;
    try
    {
        link = new SerialLink(options.Port, baud, options.Parity);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
    {
        return cli.Fail($"cannot open {options.Port}: {e.Message}");
    }
    using (link)
    {
        if (options.Simulate)
        {
            var meter = new SimMeter(profile, options.Address) { Garbage = options.Garbage, SlaveError = options.SlaveError };
            meter.Step(0, 230_000, 0, threePhase: false);
            var slave = new RtuSlave(link, meter) { CorruptCrc = options.CorruptCrc };
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            Console.WriteLine($"MeterProbe: simulating a {profile.Model} at address {options.Address} on {options.Port}, {serial}. Ctrl-C ends.");
            slave.Serve(stop.Token);
            return CommandLine.Ok;
        }
        Console.WriteLine($"MeterProbe: {profile.Model} ({profile.Name}) at address {options.Address} on {options.Port}, {serial}, function {profile.Function:D2}");
        var report = ChargeController.MeterProbe.Probe.Run(
            new RtuMaster(link, new MachineClock(), baud, options.LineParity, 1, options.TimeoutMs), profile, options.Address, site: options.Site);
        foreach (var line in Diagnosis.Lines(report, profile, options.Address, serial, options.TimeoutMs, options.Site))
            Console.WriteLine(line);
        return report.Ok ? CommandLine.Ok : CommandLine.Failed;
    }
}
