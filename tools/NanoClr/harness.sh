# Sourced by heap.sh and ticks.sh: the interpreter kit (NANOCLR_KIT, default ../shared/nanoclr beside the checkout; its
# build.sh must have run), the device assemblies as .pe files, and this folder's measurements built against them.
# Sets ROOT, DIR (this checkout's work folder) and defines entry NAME BODY and clr NAME PE_FILES...
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NANOCLR_KIT=${NANOCLR_KIT:-$ROOT/../shared/nanoclr}
[ -f "$NANOCLR_KIT/lib.sh" ] || { echo "$(basename "$0"): no interpreter kit at $NANOCLR_KIT (set NANOCLR_KIT)" >&2; exit 1; }
source "$NANOCLR_KIT/lib.sh"
# the Loader assembly (trust code under the firmware) loads between Hal and Firmware
DEVICE_ASSEMBLIES="ChargeController.Hal ChargeController.Loader ChargeController.Firmware ChargeController.Runtime ChargeController.Sim"
prepare_project "$ROOT"
CLR=${NANOCLR32:-$NANOCLR_OUT/bin/nanoclr32}
DIR=$WORK/tools-nanoclr-$(basename "$0" .sh) # each script its own: a run of one keeps the other's logs
rm -rf "$DIR"; mkdir -p "$DIR"
DEVICE_PE=("$WORK"/pe/mscorlib.pe "$WORK"/pe/ChargeController.{Hal,Loader,Firmware,Runtime,Sim}.pe "$DIR/Measurements.pe")

say "building the measurements (tools/NanoClr/*.cs)"
csc -nostdlib+ -langversion:12 -optimize+ -deterministic+ -target:library -r:"$NANOCLR_OUT/corelib/mscorlib.dll" \
    $(printf -- '-r:%s ' "$WORK"/pe/ChargeController.{Hal,Loader,Firmware,Runtime,Sim}.dll) -out:"$DIR/Measurements.dll" \
    "$ROOT"/tools/NanoClr/*.cs >"$DIR/csc.log" 2>&1 || { cat "$DIR/csc.log" >&2; die "cannot build tools/NanoClr/*.cs"; }
mdp "$DIR/Measurements.pe" "$DIR/Measurements.dll" "${HINTS[@]}" || die "cannot convert the measurements"

# entry NAME BODY: DIR/NAME.pe, an entry assembly whose Main runs BODY
entry() {
    printf 'public static class Entry\n{\n    public static void Main()\n    {\n        %s\n    }\n}\n' "$2" >"$DIR/$1.cs"
    csc -nostdlib+ -optimize+ -target:exe -r:"$NANOCLR_OUT/corelib/mscorlib.dll" -r:"$DIR/Measurements.dll" -out:"$DIR/$1.dll" \
        "$DIR/$1.cs" >"$DIR/$1.csc.log" 2>&1 || { cat "$DIR/$1.csc.log" >&2; die "cannot build $1"; }
    mdp "$DIR/$1.pe" "$DIR/$1.dll" "${HINTS[@]}" "$DIR/Measurements.dll" || die "cannot convert $1"
}

# clr NAME PE_FILES...: one run of the 32-bit interpreter, its output in DIR/NAME.log, its user CPU seconds in DIR/NAME.cpu
clr() {
    local name=$1 rc=0
    shift
    say "running $name on nanoCLR 32-bit"
    { TIMEFORMAT=%U; time run_clr "$DIR/$name.log" "${TIMEOUT:-1800}" "$CLR" "$@" 2>/dev/null || rc=$?; } 2>"$DIR/$name.cpu"
    grep -q '^=== done' "$DIR/$name.log" || { tail -20 "$DIR/$name.log" >&2; die "the $name run did not finish (rc $rc)"; }
}
