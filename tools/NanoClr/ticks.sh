#!/usr/bin/env bash
# tools/NanoClr/ticks.sh: what a control period of the simulated pile costs on the 32-bit nanoCLR on this machine, idle and
# charging (docs/performance.md): the interpreter's user CPU time for 10,000 ticks, less a run of none, best of three.
# Environment: NANOCLR_KIT (the interpreter kit, default ../shared/nanoclr), NANOCLR_OUT as for the kit, TICKS (10000).
set -euo pipefail
source "$(dirname "$0")/harness.sh"
TICKS=${TICKS:-10000}
for state in Idle Charging; do
    entry "${state}0" "ChargeController.NanoClr.TickCost.$state(0);"
    entry "${state}N" "ChargeController.NanoClr.TickCost.$state($TICKS);"
done
for state in Idle Charging; do
    best=
    for attempt in 1 2 3; do
        clr "${state}0-$attempt" "${DEVICE_PE[@]}" "$DIR/${state}0.pe"
        clr "${state}N-$attempt" "${DEVICE_PE[@]}" "$DIR/${state}N.pe"
        us=$(python3 -c "import sys; print(round((float(sys.argv[2]) - float(sys.argv[1])) * 1e6 / $TICKS, 1))" \
            "$(cat "$DIR/${state}0-$attempt.cpu")" "$(cat "$DIR/${state}N-$attempt.cpu")")
        best=$(python3 -c "import sys; a = sys.argv[1:]; print(min(float(x) for x in a if x))" "$us" ${best:+"$best"})
    done
    printf '%-9s %6s us a tick (user CPU time of the 32-bit nanoCLR, %d ticks, best of 3)\n' "$(echo "$state" | tr A-Z a-z)" "$best" "$TICKS"
done
echo "(commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- firmware runtime hal || echo ', with uncommitted changes'); $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
