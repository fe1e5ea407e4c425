"""The sums of tools/NanoClr/heap.sh: reads its interpreter logs and prints the firmware's heap, world and flash left out."""
import re
import sys

DIR = sys.argv[1]


def points(name):
    """[(point, used bytes, flash bytes or None, {type: bytes})] in the order the run printed them."""
    result, cur = [], None
    for line in open(f"{DIR}/{name}.log", encoding="utf-8", errors="replace").read().replace("\r", "").split("\n"):
        m = re.match(r"=== point (\S+)$", line)
        if m:
            cur = [m.group(1), None, None, {}]
            result.append(cur)
        elif cur and line.startswith("flash: "):
            cur[2] = int(line[7:])
        elif cur and re.match(r"GC: \d+msec \d+ bytes used", line):
            cur[1] = int(re.match(r"GC: \d+msec (\d+)", line).group(1))
        elif cur and re.match(r" *Type [0-9A-F]{2} \(", line):
            m = re.match(r"( *)Type [0-9A-F]{2} \(([^ )]+) *\): *(\d+) bytes", line)
            key = ("  array of " if m.group(1) else "") + m.group(2)
            cur[3][key] = int(m.group(3))
    missing = [p[0] for p in result if p[1] is None]
    if missing:
        sys.exit(f"heap.py: no 'bytes used' line after {missing} in {name}.log: is this the kit's 32-bit nanoCLR?")
    return result


def sub(a, b, sign=1):
    return {k: a.get(k, 0) - sign * b.get(k, 0) for k in set(a) | set(b)}


def firmware_view(run):
    """For each point after the world is built: (name, firmware bytes, firmware types). World = the writer and the World sections."""
    pts = points(run)
    loaded = pts[0]
    world, wtypes = 0, {}
    out, begin = [], None
    for p in pts[1:]:
        name, used, flash, types = p
        if name == "writer":
            world, wtypes = used - loaded[1], sub(types, loaded[3])
        elif name == "world-begin":
            begin = p
        elif name == "world-end":
            world += used - begin[1]
            wtypes = sub(wtypes, sub(types, begin[3]), -1)
        else:
            fw_types = sub(sub(types, loaded[3]), wtypes)
            flash = flash or 0
            fw_types["  array of U1"] = fw_types.get("  array of U1", 0) - flash
            fw_types["SZARRAY"] = fw_types.get("SZARRAY", 0) - flash
            out.append((name, used - loaded[1] - world - flash, fw_types, flash))
    return out, world


def main():
    mscorlib = points("mscorlib")[0][1]
    assemblies = points("assemblies")[0][1] - mscorlib
    cal = points("Calibrate")
    measured = cal[1][3].get("  array of U1", 0) - cal[0][3].get("  array of U1", 0)
    claimed = int(re.search(r"array: (\d+)", open(f"{DIR}/Calibrate.log").read()).group(1))
    if measured != claimed:
        sys.exit(f"heap.py: a 64 KB array takes {measured} bytes, FirmwareHeap.ArrayHeapBytes says {claimed}: fix the formula")
    ticking, world = firmware_view("Ticking")
    full, _ = firmware_view("FullJournal")
    by = {name: (fw, types, flash) for name, fw, types, flash in ticking}
    journal = re.search(r"journal: (\d+) bytes", open(f"{DIR}/FullJournal.log").read()).group(1)
    samples = [fw for name, fw, _, _ in full if name == "sample"]
    fullby = {name: fw for name, fw, _, _ in full}
    started = by["started"][0]
    print("live heap on the 32-bit nanoCLR after a collection, bytes (simulated world and flash left out):")
    rows = [
        ("device assemblies loaded: Hal, Firmware, Runtime with their static tables", assemblies, ""),
        ("started pile (empty flash)", started, ""),
        ("after 10,000 idle ticks", by["idle"][0], "%+d" % (by["idle"][0] - started)),
        ("after 10,000 charging ticks", by["charging"][0], "%+d" % (by["charging"][0] - started)),
        ("a boot over a full journal (%s bytes): largest sampled during the boot" % journal,
         max(samples + [fullby["booted"]]), "%+d" % (max(samples + [fullby["booted"]]) - started)),
        ("  the same pile once booted, and 10 s later", fullby["booted"], "%d" % fullby["settled"]),
        ("assemblies loaded + started pile", assemblies + started, ""),
    ]
    for label, value, note in rows:
        print("  %-82s %8d  %s" % (label, value, note))
    print("left out: mscorlib %d; the simulated world %d (board, meter, broker, console port); the simulated"
          " flash %d at the start (its files' byte arrays)" % (mscorlib, world, by["started"][2]))
    print("\nthe firmware's part by nanoCLR data type (bytes):")
    names = ["started", "idle", "charging"]
    print("  %-24s" % "" + "".join("%10s" % n for n in names))
    keys = sorted({k for n in names for k in by[n][1]}, key=lambda k: (k.startswith("  "), k))
    order = []
    for k in sorted(k for k in keys if not k.startswith("  ")):
        order.append(k)
        if k == "SZARRAY":
            order += sorted(k2 for k2 in keys if k2.startswith("  "))
    for k in order:
        vals = [by[n][1].get(k, 0) for n in names]
        if any(vals) and k not in ("FREEBLOCK", "CACHEDBLOCK"):
            print("  %-24s" % k + "".join("%10d" % v for v in vals))


main()
