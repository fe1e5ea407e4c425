using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Storage;
using ChargeController.Sim.Metering;
using ChargeController.Tests.Support;
using Xunit;

namespace ChargeController.Tests.Sessions;

/// <summary>
/// Energy never flows with no session on record: the contactor closes for a new session only once its open record is
/// on flash, however slow the flash. Judged from the simulated meter's register and the flash after a power cut.
/// </summary>
public class SessionHandshakeTests
{
    [Fact]
    public void ASlowFlashKeepsTheContactorOpenAndAPowerCutLeavesNoEnergyWithoutASession()
    {
        var pile = new PileHarness();
        pile.Sim.StallStorageUntil(30_000); // a flash write that takes half a minute
        pile.At(0, "plug 32A").At(1_000, "ev ready").RunTo(8_000);
        var storageWarning = pile.Pile.Faults.IsRaised(Fault.StorageFailure);
        pile.At(8_000, "power cut");
        var registerAtCut = pile.Sim.Meter!.ImportWh;
        pile.At(9_000, "power restore").RunTo(12_000);

        var recorded = JournalFile.Records(pile.Sim.Store).Any(r => r.Kind == JournalRecordKind.SessionOpen);
        Assert.True(recorded || registerAtCut == SimMeter.InitialImportWh,
            $"{registerAtCut - SimMeter.InitialImportWh} Wh delivered with no session on the journal");
        Assert.DoesNotContain(pile.Snapshots, s => s.TimeMs < 8_000 && s.ContactorCommanded);
        Assert.True(storageWarning, "the technician sees the flash is slow");
    }

    [Fact]
    public void TheSessionChargesOnceItsOpenRecordIsOnFlash()
    {
        var pile = new PileHarness();
        pile.Sim.StallStorageUntil(6_000);
        pile.At(0, "plug 32A").At(1_000, "ev ready").RunTo(10_000);
        var closed = pile.FirstTime(s => s.ContactorCommanded);
        Assert.InRange(closed, 6_000, 6_100);
        Assert.Contains(JournalFile.Records(pile.Sim.Store), r => r.Kind == JournalRecordKind.SessionOpen && r.SessionId == "1-1");
        Assert.False(pile.Pile.Faults.IsRaised(Fault.StorageFailure));
    }
}
