#!/usr/bin/env bash
# tools/NanoClr/heap.sh: the firmware's live heap on the 32-bit nanoCLR (12-byte heap blocks, as on the ESP32), the
# simulated world and flash left out (docs/performance.md). Prints the device assemblies loaded (Hal, Firmware, Runtime
# and their static tables) against mscorlib alone; the started pile, after 10,000 idle and 10,000 charging ticks; a boot
# over a journal that fills the flash partition; the firmware's part by nanoCLR data type.
# Environment: NANOCLR_KIT (the interpreter kit, default ../shared/nanoclr), NANOCLR_OUT as for the kit.
set -euo pipefail
source "$(dirname "$0")/harness.sh"
entry Loaded 'System.Console.WriteLine("=== point loaded"); System.Diagnostics.Debugger.Break(); System.Console.WriteLine("=== done");'
for run in Ticking FullJournal Calibrate; do entry "$run" "ChargeController.NanoClr.FirmwareHeap.$run();"; done
clr mscorlib "$WORK/pe/mscorlib.pe" "$DIR/Loaded.pe"
clr assemblies "$WORK"/pe/{mscorlib,ChargeController.Hal,ChargeController.Loader,ChargeController.Firmware,ChargeController.Runtime}.pe "$DIR/Loaded.pe"
for run in Calibrate Ticking FullJournal; do clr "$run" "${DEVICE_PE[@]}" "$DIR/$run.pe"; done
python3 "$ROOT/tools/NanoClr/heap.py" "$DIR"
echo "(commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- firmware runtime hal || echo ', with uncommitted changes'); logs: $DIR)"
