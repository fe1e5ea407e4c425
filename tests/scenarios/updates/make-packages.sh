#!/usr/bin/env bash
# make-packages.sh: the signing keys and packages the update scenarios beside it offer, made with PileUpdate's own
# keygen and pack (docs/scenarios.md, Updates). The keys are test keys for simulated piles only: never provision a real
# pile with them. Existing keys are kept (keygen never overwrites one); the packages are made again.
#   bash tests/scenarios/updates/make-packages.sh        (from the project root; builds PileUpdate)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dotnet build "$root/tools/PileUpdate" -nologo -v:q >/dev/null
pileupdate() { dotnet "$root/tools/PileUpdate/bin/Debug/net10.0/PileUpdate.dll" "$@"; }
keys=$here/keys
[ -f "$keys/operator/update-key.bin" ] || pileupdate keygen --out "$keys/operator" --key-id op-sim-a
[ -f "$keys/next/update-key.bin" ] || pileupdate keygen --out "$keys/next" --key-id op-sim-b
# the operator's key id on another key: what an attacker without the private key can sign
[ -f "$keys/impostor/update-key.bin" ] || pileupdate keygen --out "$keys/impostor" --key-id op-sim-a

files=$(mktemp -d)
trap 'rm -rf "$files"' EXIT
assembly() { # NAME VERSION BYTES: a stand-in for a .pe file, text so a diff of it reads
    python3 -c 'import sys
name, version, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = "".join("%s %s simulated assembly, line %05d\n" % (name, version, i) for i in range(size // 40 + 1))
sys.stdout.write(text[:size])' "$1" "$2" "$3" >"$files/$1"
}
pack() { # KEY_FOLDER OUT VERSION [options] FILE...
    local key=$1 out=$2 version=$3
    shift 3
    rm -rf "$here/packages/$out"
    pileupdate pack --key "$keys/$key/update-private.pem" --version "$version" --board esp32-wrover --expires-days 3650 \
        --out "$here/packages/$out" "$@" >/dev/null
}
for v in 1.2.0 1.4.0 1.5.0 1.6.0; do assembly "ChargeController.Firmware-$v.pe" "$v" 9000; done
cp "$files/ChargeController.Firmware-1.4.0.pe" "$files/ChargeController.Firmware.pe"
pack operator cc-1.4.0 1.4.0 "$files/ChargeController.Firmware.pe"
# a file changed after signing: its SHA-256 no longer matches the manifest
pack operator cc-1.4.0-tampered 1.4.0 --package cc-1.4.0-tampered "$files/ChargeController.Firmware.pe"
printf 'X' | dd of="$here/packages/cc-1.4.0-tampered/ChargeController.Firmware.pe" bs=1 seek=5000 conv=notrunc status=none
pack impostor cc-1.4.0-impostor 1.4.0 --package cc-1.4.0-impostor "$files/ChargeController.Firmware.pe"
cp "$files/ChargeController.Firmware-1.2.0.pe" "$files/ChargeController.Firmware.pe"
pack operator cc-1.2.0 1.2.0 "$files/ChargeController.Firmware.pe"
# a version that dies at start-up: the simulated loader resets a slot whose manifest names crash-loop
cp "$files/ChargeController.Firmware-1.5.0.pe" "$files/ChargeController.Firmware.pe"
printf 'dies at start-up\n' >"$files/crash-loop"
pack operator cc-1.5.0-crash 1.5.0 --package cc-1.5.0-crash "$files/ChargeController.Firmware.pe" "$files/crash-loop"
# the key's rotation: 1.5.0 signed with the old key names the next one; 1.6.0 comes signed by either
pack operator cc-1.5.0-rotate 1.5.0 --package cc-1.5.0-rotate --next-key "$keys/next/update-key.bin" "$files/ChargeController.Firmware.pe"
cp "$files/ChargeController.Firmware-1.6.0.pe" "$files/ChargeController.Firmware.pe"
pack operator cc-1.6.0-old-key 1.6.0 --package cc-1.6.0-old-key "$files/ChargeController.Firmware.pe"
pack next cc-1.6.0 1.6.0 "$files/ChargeController.Firmware.pe"
echo "packages in $here/packages"
