#!/usr/bin/env bash
# tools/NanoClr/timing.sh: the safety and control loops' timing on the 32-bit nanoCLR (docs/architecture.md, Threads):
# the runtime's real threads around the simulated board, the storage and the meter threads busy 20-100 ms per operation,
# the control thread parsing a 1.9 KB command every 200 ms; each opening (e-stop, unplug, CP short, AC residual current,
# CC lost alone) ROUNDS times, each case after the event ring has drained (a congested ring starts no session). Fails
# (exit 1), naming the cases, when a gap between two passes of the safety loop exceeds 30 ms or a case's opening takes
# more than 100 ms or does not happen. LOADED=false: the same without the busy work and the commands.
# Environment: NANOCLR_KIT (the interpreter kit, default ../shared/nanoclr), NANOCLR_OUT as for the kit, ROUNDS (3).
set -euo pipefail
source "$(dirname "$0")/harness.sh"
ROUNDS=${ROUNDS:-3}
entry Timing "ChargeController.NanoClr.ThreadTiming.Run($ROUNDS, ${LOADED:-true});"
clr Timing "${DEVICE_PE[@]}" "$DIR/Timing.pe"
grep -v '^=== done' "$DIR/Timing.log" | tr -d '\r'
echo "(commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- firmware runtime hal || echo ', with uncommitted changes'); $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
longest=$(tr -d '\r' <"$DIR/Timing.log" | sed -n 's/.*longest gap: \([0-9]*\) ms.*/\1/p')
control=$(tr -d '\r' <"$DIR/Timing.log" | sed -n 's/.*longest control gap: \([0-9]*\) ms.*/\1/p')
failed=$(tr -d '\r' <"$DIR/Timing.log" | sed -n 's/.*failed cases: \(.*\)$/\1/p')
[ "$longest" -le 30 ] && [ "$failed" = none ] || {
    echo "timing.sh: FAILED: safety loop's longest gap $longest ms (at most 30; the control tick's $control ms); cases failed: $failed" >&2
    exit 1
}
