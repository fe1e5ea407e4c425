using System.Globalization;
using ChargeController.Sim.Scenarios;
using ChargeController.Sim.Storage;

namespace ChargeController.PileSim;

/// <summary>
/// PileSim --state FOLDER: the simulated pile kept between runs: its flash in the folder `flash` of FOLDER (one file for each file on the
/// flash) and its meter's import register in the file `meter-import-wh.txt` there (a real meter keeps its count while the pile is
/// off). Read before the pile boots, so a restart continues its boot numbers, event sequence, journal and outbox, as a
/// pile that was switched off and on again (boot 2, PowerLoss); written when the run ends, with what a power cut then
/// would leave (what was flushed). Without it, or with an empty FOLDER, the pile starts on an empty flash: boot 1,
/// reason PowerOn, as a pile fresh from the factory.
/// </summary>
public static class PileState
{
    private const string FlashFolder = "flash";
    private const string MeterFile = "meter-import-wh.txt";

    /// <summary>Puts the state in <paramref name="folder"/> into the pile, not started yet; a missing folder is made (a first run).</summary>
    /// <returns>null, or why the folder cannot be the pile's state</returns>
    public static string? Load(string folder, SimulatedPile pile)
    {
        try
        {
            if (File.Exists(folder))
                return $"--state {folder} is a file: give a folder (made if missing)";
            var flash = Directory.CreateDirectory(Path.Combine(folder, FlashFolder)).FullName;
            foreach (var path in Directory.GetFiles(flash).Order(StringComparer.Ordinal))
                if (!pile.Store.Load(Path.GetFileName(path), File.ReadAllBytes(path)))
                    return $"--state {folder}: its flash files do not fit the pile's {SimFileStore.PartitionBytes / 1024} KB flash";
            var meter = Path.Combine(folder, MeterFile);
            if (pile.Meter != null && File.Exists(meter))
            {
                var text = File.ReadAllText(meter).Trim();
                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var importWh))
                    return $"--state {folder}: {MeterFile} holds '{text}', not the meter's register in Wh";
                pile.Meter.ContinueFrom(importWh);
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read --state {folder}: {e.Message}";
        }
    }

    /// <summary>Writes the pile's state to <paramref name="folder"/>: the flash's durable files (no others), the meter's register.</summary>
    /// <returns>null, or why it could not be written</returns>
    public static string? Save(string folder, SimulatedPile pile)
    {
        try
        {
            var flash = Path.Combine(folder, FlashFolder);
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < pile.Store.FileCount; i++)
            {
                var name = pile.Store.FileNameAt(i);
                names.Add(name);
                File.WriteAllBytes(Path.Combine(flash, name), pile.Store.DurableContent(name));
            }
            foreach (var path in Directory.GetFiles(flash).Where(path => !names.Contains(Path.GetFileName(path))))
                File.Delete(path);
            if (pile.Meter != null)
                File.WriteAllText(Path.Combine(folder, MeterFile), pile.Meter.ImportWh.ToString(CultureInfo.InvariantCulture) + "\n");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write --state {folder}: {e.Message}";
        }
    }
}
