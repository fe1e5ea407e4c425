using System;
using System.Threading;
using ChargeController.Esp32.Board;
using ChargeController.Esp32.Link;
using ChargeController.Esp32.Network;
using ChargeController.Esp32.Storage;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Link;
using ChargeController.Firmware.Metering;
using ChargeController.Firmware.Network;
using ChargeController.Firmware.Pilot;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Text;
using ChargeController.Runtime;

namespace ChargeController.App
{
    /// <summary>
    /// The pile's entry point: read the stored settings the board needs before it opens (pilot calibration, the meter's
    /// line) and the provisioning file, open the reference board, build the pile through the runtime (config and journal
    /// from I:\, the core, the meter poller, the supervisor), boot it and start its threads and the Wi-Fi thread. Nothing
    /// here that a test of the core would need; docs/flashing.md says how to confirm from the boot record that it came up.
    /// </summary>
    public static class Program
    {
        private const int WifiPeriodMs = 1000;

        public static void Main()
        {
            var factory = new PileConfig();
            var files = new LittleFsFileStore(ReferenceBoard.FileRoot);
            // The board opens before the runtime boots: it reads the stored configuration for itself (the runtime reads it
            // again at boot and reports what is wrong with it).
            var stored = new PileConfig();
            bool damaged;
            new ConfigStore(files).Load(stored, out damaged);
            var provisioning = new Provisioning();
            foreach (var error in provisioning.Load(files))
                Console.WriteLine("ChargeController: " + error);

            var board = Esp32Board.Open(PilotCalibration.From(stored), ReferenceBoard.NominalPinCalibration(), MeterSetup.LineBaud(stored),
                MeterSetup.LineParity(stored), stored.Get(ConfigKeys.MeterResponseTimeoutMs));
            var broker = provisioning.BrokerHosts.Length == 0 || provisioning.Get(Provisioning.PileId) == null ? null : new Esp32BrokerLink(provisioning.BrokerHosts,
                provisioning.BrokerPorts, provisioning.TlsOn, PemFile.Certificate(files, provisioning.Get(Provisioning.CaFile)),
                PemFile.CertificateWithKey(files, provisioning.Get(Provisioning.ClientCertFile), provisioning.Get(Provisioning.ClientKeyFile)));
            if (broker == null)
                Console.WriteLine("ChargeController: no broker.host or pile.id in " + Provisioning.FileName + ": the pile runs without the platform");

            var link = new LinkSettings
            {
                PileId = provisioning.Get(Provisioning.PileId), TopicRoot = provisioning.Get(Provisioning.TopicRoot), Brokers = provisioning.BrokerHosts.Length,
                Username = provisioning.Get(Provisioning.BrokerUsername), Password = provisioning.Get(Provisioning.BrokerPassword),
            };
            var runtime = new PileRuntime(factory, board.Hardware, files, board.MeterBus, board.Supervision, new BootLog(), broker, link,
                null, board.Console);
            runtime.UtcClock = new Esp32UtcClock();
            runtime.Boot();
            new RuntimeThreads(runtime, board.Hardware.Clock).Start();
            RuntimeThreads.Wifi(runtime, runtime.WifiSupervision(new Esp32WifiStation(provisioning.Get(Provisioning.WifiSsid),
                provisioning.Get(Provisioning.WifiPassword))), board.Hardware.Clock, WifiPeriodMs).Start();
            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>
        /// Prints each boot record on UART0 (the boot log), so whoever flashed the pile sees it came up and why it booted;
        /// the platform gets every event through the outbox, the technician through the console.
        /// </summary>
        private sealed class BootLog : IEventConsumer
        {
            public void Write(PileEvent e)
            {
                if (e.Kind == EventKind.Boot)
                    Console.WriteLine("ChargeController: boot " + Names.Of((BootReason)e.Code) + ", boot number " + e.Value.ToString());
            }
        }
    }
}
