#!/usr/bin/env bash
# tools/NanoClr/timing.sh: the safety and control loops' timing on the 32-bit nanoCLR (docs/architecture.md, Threads):
# the runtime's real threads around the simulated board, the storage and the meter threads busy 20-100 ms per operation,
# the control thread parsing a 1.9 KB command every 200 ms; each opening (e-stop, unplug, CP short, AC residual current,
# CC lost alone) ROUNDS times. Fails (exit 1) when a gap between two passes of the safety loop exceeds 30 ms or an
# opening takes more than 100 ms. LOADED=false: the same without the busy work and the commands.
# Environment: NANOCLR_KIT (the interpreter kit, default ../shared/nanoclr), NANOCLR_OUT as for the kit, ROUNDS (3).
set -euo pipefail
source "$(dirname "$0")/harness.sh"
ROUNDS=${ROUNDS:-3}
entry Timing "ChargeController.NanoClr.ThreadTiming.Run($ROUNDS, ${LOADED:-true});"
clr Timing "${DEVICE_PE[@]}" "$DIR/Timing.pe"
grep -v '^=== done' "$DIR/Timing.log" | tr -d '\r'
echo "(commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- firmware runtime hal || echo ', with uncommitted changes'); $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
longest=$(tr -d '\r' <"$DIR/Timing.log" | sed -n 's/.*longest gap: \([0-9]*\) ms.*/\1/p')
failures=$(tr -d '\r' <"$DIR/Timing.log" | sed -n 's/.*failures: \([0-9]*\).*/\1/p')
[ "$longest" -le 30 ] && [ "$failures" -eq 0 ] || { echo "timing.sh: longest safety-loop gap $longest ms (at most 30), $failures openings late or missing" >&2; exit 1; }
