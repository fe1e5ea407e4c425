#!/usr/bin/env bash
# tools/NanoClr/loader.sh: the loader on nanoFramework's own interpreter (32-bit nanoCLR), as on the pile. Only mscorlib
# and ChargeController.Loader are loaded, as in the deployment image. PileUpdate makes a key and signs a package of the
# device-built .pe files (Hal, Firmware, Runtime, Sim and the kit's harness); the package and the key go into memory
# files (nanoCLR on Linux has no file system: the bytes travel in generated assemblies of 30,000 bytes each). SlotBoot
# checks the slot (signature, every file's SHA-256), Assembly.Load's the files from bytes, and a scenario runs through
# them; its trace must equal the scenario's recorded .NET trace. Prints the cost of each step (docs/performance.md).
# Usage: loader.sh [SCENARIO.scn, default tests/scenarios/free-charge.scn]. Environment: NANOCLR_KIT, NANOCLR_OUT.
set -euo pipefail
source "$(dirname "$0")/harness.sh"
SCENARIO=${1:-$ROOT/tests/scenarios/free-charge.scn}
EXPECTED=${SCENARIO%.scn}.trace.jsonl
[ -f "$SCENARIO" ] && [ -f "$EXPECTED" ] || die "no $SCENARIO with its recorded trace $EXPECTED"

say "signing a package of the device .pe files (PileUpdate keygen, pack)"
$NICE dotnet build "$ROOT/tools/PileUpdate/PileUpdate.csproj" -c Release -nologo -v:q >"$DIR/pileupdate-build.log" 2>&1 ||
    { tail -20 "$DIR/pileupdate-build.log" >&2; die "cannot build tools/PileUpdate"; }
PILEUPDATE=("dotnet" "$ROOT/tools/PileUpdate/bin/Release/net10.0/PileUpdate.dll")
"${PILEUPDATE[@]}" keygen --out "$DIR/keys" --key-id proof >/dev/null
"${PILEUPDATE[@]}" pack --key "$DIR/keys/update-private.pem" --version 1.4.0 --board nanoclr --expires-days 30 --out "$DIR/package" \
    "$WORK"/pe/ChargeController.{Hal,Firmware,Runtime,Sim}.pe "$WORK/pe/NanoClrKit.Harness.pe"

say "building the loader proof against mscorlib and ChargeController.Loader only"
csc -nostdlib+ -langversion:12 -optimize+ -deterministic+ -target:library -r:"$NANOCLR_OUT/corelib/mscorlib.dll" \
    -r:"$WORK/pe/ChargeController.Loader.dll" -out:"$DIR/LoaderProof.dll" "$ROOT/tools/NanoClr/loader/LoaderProof.cs" \
    >"$DIR/csc.log" 2>&1 || { cat "$DIR/csc.log" >&2; die "cannot build tools/NanoClr/loader/LoaderProof.cs"; }
mdp "$DIR/LoaderProof.pe" "$DIR/LoaderProof.dll" "$NANOCLR_OUT/corelib/mscorlib.dll" "$WORK/pe/ChargeController.Loader.dll" ||
    die "cannot convert the loader proof"

say "putting the package into blob assemblies"
mkdir -p "$DIR/blobs"
python3 - "$DIR" "$SCENARIO" <<'PY'
import json, os, sys
out, scenario = sys.argv[1], sys.argv[2]
files = [("update-key.bin", os.path.join(out, "keys", "update-key.bin"))]
files += [("slot0-" + name, os.path.join(out, "package", name)) for name in sorted(os.listdir(os.path.join(out, "package")))]
calls, k = [], 0
for name, path in files:
    data = open(path, "rb").read()
    for at in range(0, len(data), 30000):
        chunk = data[at:at + 30000]
        with open(os.path.join(out, "blobs", "Blob%d.cs" % k), "w") as f:
            f.write("public static class Blob%d\n{\n    public static byte[] Bytes() => new byte[] { %s };\n}\n" % (k, ",".join(str(b) for b in chunk)))
        calls.append("ChargeController.NanoClr.LoaderProof.Add(%s, Blob%d.Bytes());" % (json.dumps(name), k))
        k += 1
text = open(scenario).read()
name = os.path.splitext(os.path.basename(scenario))[0]
with open(os.path.join(out, "Entry.cs"), "w") as f:
    f.write("public static class Entry\n{\n    public static void Main()\n    {\n        %s\n        ChargeController.NanoClr.LoaderProof.Run(%s, %s);\n    }\n}\n"
            % ("\n        ".join(calls), json.dumps(name), json.dumps(text)))
PY
BLOBS=()
for cs in $(ls "$DIR"/blobs/Blob*.cs | sort -V); do
    blob=${cs%.cs}
    csc -nostdlib+ -optimize+ -deterministic+ -target:library -r:"$NANOCLR_OUT/corelib/mscorlib.dll" -out:"$blob.dll" "$cs" >"$blob.log" 2>&1 ||
        { cat "$blob.log" >&2; die "cannot build $cs"; }
    mdp "$blob.pe" "$blob.dll" "$NANOCLR_OUT/corelib/mscorlib.dll" || die "cannot convert $blob.dll"
    BLOBS+=("$blob")
done
csc -nostdlib+ -optimize+ -target:exe -r:"$NANOCLR_OUT/corelib/mscorlib.dll" -r:"$DIR/LoaderProof.dll" \
    $(printf -- '-r:%s.dll ' "${BLOBS[@]}") -out:"$DIR/Entry.dll" "$DIR/Entry.cs" >"$DIR/entry.log" 2>&1 ||
    { cat "$DIR/entry.log" >&2; die "cannot build the entry"; }
mdp "$DIR/Entry.pe" "$DIR/Entry.dll" "$NANOCLR_OUT/corelib/mscorlib.dll" "$WORK/pe/ChargeController.Loader.dll" "$DIR/LoaderProof.dll" \
    $(printf -- '%s.dll ' "${BLOBS[@]}") || die "cannot convert the entry"

clr loader "$WORK/pe/mscorlib.pe" "$WORK/pe/ChargeController.Loader.pe" "$DIR/LoaderProof.pe" $(printf -- '%s.pe ' "${BLOBS[@]}") "$DIR/Entry.pe"
tr -d '\r' <"$DIR/loader.log" | grep -E '^(choose|sha256|rsa2048|load):'
tr -d '\r' <"$DIR/loader.log" | sed -n '/^=== begin /,/^=== end /p' | sed '1d;$d' >"$DIR/trace.jsonl"
if cmp -s "$DIR/trace.jsonl" "$EXPECTED"; then
    echo "trace of $(basename "$SCENARIO"): identical to the recorded .NET trace ($(wc -l <"$EXPECTED") lines)"
else
    echo "trace of $(basename "$SCENARIO"): DIFFERS from $EXPECTED (nanoCLR's: $DIR/trace.jsonl)"; exit 1
fi
echo "(commit $(git -C "$ROOT" rev-parse --short HEAD); user CPU $(cat "$DIR/loader.cpu") s; logs: $DIR)"
