#!/usr/bin/env bash
# fidelity.sh: the device assemblies on nanoFramework's own interpreter (nanoCLR) against .NET. Runs the nanoclr kit's
# diff.sh over tests/scenarios plus COUNT random scenarios (PileSim generate, seeds SEED..SEED+COUNT-1), then prints the
# kit's summary line and the commit. Exit status: diff.sh's (0 only when every trace is identical). A developer's check
# (docs/device-fidelity.md); CI has no nanoFramework sources to build the kit from.
# Environment: COUNT (default 200), SEED (default 1), NANOCLR_KIT (default ROOT/../shared/nanoclr, ROOT being this
# checkout), and the kit's own: NANOCLR_OUT (default /tmp/nanoclr), JOBS, NANOCLR_BITS, TIMEOUT.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KIT=${NANOCLR_KIT:-$ROOT/../shared/nanoclr}
OUT=${NANOCLR_OUT:-/tmp/nanoclr}
COUNT=${COUNT:-200}
SEED=${SEED:-1}
fail() { echo "fidelity.sh: $1" >&2; exit "${2:-1}"; }
[[ $COUNT =~ ^[0-9]+$ && $SEED =~ ^[0-9]+$ ]] || fail "COUNT and SEED are whole numbers (COUNT=$COUNT SEED=$SEED)" 2
[ -f "$KIT/diff.sh" ] || fail "no nanoclr kit in $KIT: set NANOCLR_KIT to the kit's folder"
[ -x "$OUT/bin/nanoclr64" ] && [ -x "$OUT/bin/nanoclr32" ] ||
    fail "the kit is not built in $OUT: build it once with its build.sh ($KIT/README.md), or set NANOCLR_OUT to where it was built"

RANDOM_DIR=$(mktemp -d)
LOG=$(mktemp --suffix=.fidelity.log)
trap 'rm -rf "$RANDOM_DIR"' EXIT
cd "$ROOT"
if [ "$COUNT" -gt 0 ]; then
    echo "-- writing $COUNT random scenarios, seeds $SEED..$((SEED + COUNT - 1)) (PileSim generate)" >&2
    dotnet run --project tools/PileSim -- generate --seed "$SEED" --count "$COUNT" --out "$RANDOM_DIR"
fi
# the kit's whole output goes to the log; on the screen its steps, and every scenario that is not identical
set +e
bash "$KIT/diff.sh" "$ROOT" tests/scenarios/*.scn $(find "$RANDOM_DIR" -name '*.scn' | sort -V) 2>&1 | tee "$LOG" |
    grep -v -e '^identical ' -e ' ok ('
status=${PIPESTATUS[0]}
set -e
commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD || commit="$commit with uncommitted changes"
echo
echo "fidelity: $(tail -n 1 "$LOG")"
echo "commit:   $commit; random seeds $SEED..$((SEED + COUNT - 1)); the kit's whole output: $LOG"
exit "$status"
