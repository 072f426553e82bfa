#!/usr/bin/env python3
"""How far the JVMs' machine-speed calibration explains an A/B pair's difference (BENCHMARKS.md).

Reads the pairs an A/B experiment recorded (samples/ab-experiment.sh) and prints, over all pairs of all runs, the
spread of the per-pair head/base log ratio of a test's best round (the slowed heads' centred by the change, log 1.12)
and of the two JVMs' calibration times, their correlation and least-squares slope, the per-pair range of each head,
and the pairs whose calibration ratio is beyond +-8 %.
Usage: samples/ab-calibration-ratios.py EXPERIMENT_DIR
"""
import glob
import json
import math
import statistics
import sys

SLOWER = math.log(1.12)


def side(path):
    data = json.load(open(path))
    return data["environment"].get("calibrationNanos"), {m["name"]: m["values"] for m in data["metrics"]}


times, machines, beyond, ranges = [], [], [], {}
for out in sorted(glob.glob(sys.argv[1] + "/out/*-*/")):
    run = out.rstrip("/").split("/")[-1]
    head = run.split("-")[0]
    for pair in sorted(glob.glob(out + "pairs/pair-*")):
        base = glob.glob(pair + "/base/baselines/*/baseline.json")
        slowed = glob.glob(pair + "/head/baselines/*/baseline.json")
        if not base or not slowed:
            continue
        base_calibration, base_metrics = side(base[0])
        head_calibration, head_metrics = side(slowed[0])
        k = min(len(base_metrics["cpu.time"]), len(head_metrics["cpu.time"]))
        time = math.log(min(head_metrics["cpu.time"][:k]) / min(base_metrics["cpu.time"][:k]))
        machine = math.log(head_calibration / base_calibration)
        ranges.setdefault(head, []).append(time)
        times.append(time - (SLOWER if head == "slower" else 0))
        machines.append(machine)
        if abs(machine) > 0.08:
            beyond.append("%s %s: calibration %+.0f %%, test %+.0f %%" % (run, pair[-7:], 100 * math.expm1(machine),
                                                                         100 * math.expm1(time)))
slope = statistics.covariance(machines, times) / statistics.variance(machines)
print("pairs %d, sd of the test's log ratio %.3f, of the calibration's %.3f, correlation %.2f, slope %.2f" % (
    len(times), statistics.stdev(times), statistics.stdev(machines), statistics.correlation(machines, times), slope))
for head, values in sorted(ranges.items()):
    print("%s: per pair %+.0f…%+.0f %%" % (head, 100 * math.expm1(min(values)), 100 * math.expm1(max(values))))
print("\n".join(beyond))
