#!/usr/bin/env bash
# tools/NanoClr/heap.sh: the firmware's live heap on the 32-bit nanoCLR (12-byte heap blocks, as on the ESP32), with the
# simulated world and flash left out (docs/performance.md). Uses the interpreter kit (NANOCLR_KIT, default
# ../shared/nanoclr beside the checkout; its build.sh must have run; NANOCLR_OUT as for the kit). Prints:
#   the device assemblies loaded (Hal, Firmware, Runtime and their static tables), against mscorlib alone;
#   the started pile, after 10,000 idle and 10,000 charging ticks; a boot over a journal that fills the flash partition;
#   the firmware's part by nanoCLR data type.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NANOCLR_KIT=${NANOCLR_KIT:-$ROOT/../shared/nanoclr}
[ -f "$NANOCLR_KIT/lib.sh" ] || { echo "heap.sh: no interpreter kit at $NANOCLR_KIT (set NANOCLR_KIT)" >&2; exit 1; }
source "$NANOCLR_KIT/lib.sh"
prepare_project "$ROOT"
CLR=${NANOCLR32:-$NANOCLR_OUT/bin/nanoclr32}
dir=$WORK/firmware-heap
rm -rf "$dir"; mkdir -p "$dir"
device=("$WORK"/pe/ChargeController.{Hal,Firmware,Runtime,Sim}.dll)

say "building the measurement (tools/NanoClr/FirmwareHeap.cs)"
csc -nostdlib+ -langversion:12 -optimize+ -deterministic+ -nowarn:1701 -target:library -r:"$NANOCLR_OUT/corelib/mscorlib.dll" \
    "${device[@]/#/-r:}" -out:"$dir/FirmwareHeap.dll" "$ROOT/tools/NanoClr/FirmwareHeap.cs" >"$dir/csc.log" 2>&1 ||
    { cat "$dir/csc.log" >&2; die "cannot build FirmwareHeap.cs"; }
mdp "$dir/FirmwareHeap.pe" "$dir/FirmwareHeap.dll" "${HINTS[@]}" || die "cannot convert FirmwareHeap.dll"
# main NAME BODY [REFERENCE...]: an entry assembly whose Main runs BODY
main() {
    local name=$1 body=$2
    shift 2
    printf 'public static class Entry\n{\n    public static void Main()\n    {\n        %s\n    }\n}\n' "$body" >"$dir/$name.cs"
    csc -nostdlib+ -optimize+ -target:exe -r:"$NANOCLR_OUT/corelib/mscorlib.dll" "${@/#/-r:}" -out:"$dir/$name.dll" "$dir/$name.cs" \
        >"$dir/$name.csc.log" 2>&1 || { cat "$dir/$name.csc.log" >&2; die "cannot build $name"; }
    mdp "$dir/$name.pe" "$dir/$name.dll" "${HINTS[@]}" "$dir/FirmwareHeap.dll" || die "cannot convert $name"
}
BREAK='System.Console.WriteLine("=== point loaded"); System.Diagnostics.Debugger.Break(); System.Console.WriteLine("=== done");'
main Loaded "$BREAK"
for run in Ticking FullJournal Calibrate; do main "$run" "ChargeController.NanoClr.FirmwareHeap.$run();" "$dir/FirmwareHeap.dll"; done

pe() { printf '%s ' "$WORK/pe/mscorlib.pe"; for a in "$@"; do printf '%s ' "$WORK/pe/ChargeController.$a.pe"; done; }
run() { # NAME PE_FILES...: one interpreter run, its output in dir/NAME.log
    local name=$1 rc=0
    shift
    say "running $name on nanoCLR 32-bit"
    run_clr "$dir/$name.log" "${TIMEOUT:-1800}" "$CLR" "$@" || rc=$?
    grep -q '^=== done' "$dir/$name.log" || { tail -20 "$dir/$name.log" >&2; die "the $name run did not finish (rc $rc)"; }
}
run mscorlib $(pe) "$dir/Loaded.pe"
run assemblies $(pe Hal Firmware Runtime) "$dir/Loaded.pe"
for r in Calibrate Ticking FullJournal; do run "$r" $(pe Hal Firmware Runtime Sim) "$dir/FirmwareHeap.pe" "$dir/$r.pe"; done

python3 "$ROOT/tools/NanoClr/heap.py" "$dir"
echo "(commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- firmware runtime hal || echo ', with uncommitted changes'); logs: $dir)"
