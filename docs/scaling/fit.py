#!/usr/bin/env python3
"""Fits docs/scaling.md's cost model to a scale.json of scripts/scale and prints its constants
and predictions: python3 docs/scaling/fit.py [docs/scaling/scale.json]

T(update) = compute(B/P) + overhead(P) + communication(D, P), P one-core workers, D parameters:
  compute(b)   = a * (D / D0) * b               b = B/P rows per task; least squares on the
                                                one-worker standalone runs' compute (the task's
                                                run time from Spark's task metrics), through 0
  overhead(P)  = o0 + o1 * P                    least squares on the empty job's median time
                                                (Spark's floor per update) on 1 to 3
                                                local-cluster executors
  communication(D, P) = broadcast + aggregation over a network of the assumed bandwidth and
                        latency (see ASSUMED) through the tree of treeDepth 2, with the per-byte
                        cost s of handling a partial sum (serializing, shipping on the loopback,
                        deserializing, adding) fitted on the probes: s = aggregation / (P * 4 * D0)
                        on the standalone runs, P = 1 and 2.
  plus the optimizer step on the driver, an assumed cost per parameter (not measured here).
Efficiency E(P) = T(1) / (P * T(P)) at the same batch B.
"""
import json
import math
import sys

# Assumptions for the predictions (not measured here).
ASSUMED = {
    "bandwidth_bytes_per_ms": 1.25e9 / 1000 * 0.8,  # 10 Gbit/s links at 80% of line rate
    "latency_ms": 0.2,                              # one message hop in a data centre
    "tree_depth": 2,                                # treeDepth, the default
    "driver_step_ms_per_param": 1e-6,               # Adam on the driver: ~1 ns per parameter
}
NETWORKS = {"784-256-128-10": 235146, "10M parameters": 10_000_000}
WORKERS = [8, 64, 256]


def line(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    return slope, my - slope * mx


def fit(scale):
    d0 = scale["standalone_1_worker"]["parameters"]
    per_byte = []
    for key in ("standalone_1_worker", "standalone_2_workers"):
        run = scale[key]
        probes = run["update_split_probes"]
        per_byte.append(max(probes["aggregation_ms"], 0) / (run["partitions"] * 4 * d0))
    # Compute: the one-worker runs, where a task had a core to itself. With two one-core workers
    # the two tasks and the driver shared the machine's 2 cores with other builds, which measures
    # that contention, not the cost of B/P rows.
    # Through the origin (a gemm's time is proportional to its rows): a free intercept fitted
    # to three loaded points came out larger than the smallest batch's whole compute.
    one = scale["standalone_1_worker"]["by_batch"]
    a = (sum(r["rows_per_task"] * r["compute_ms"] for r in one)
         / sum(r["rows_per_task"] ** 2 for r in one))
    c0 = 0.0
    # Overhead: Spark's floor per update (the empty job, medians) on 1 to 3 local-cluster
    # executors; from 4 on, the executors oversubscribe the 2 loaded cores (see scaling.md).
    rows = [r for r in scale["local_cluster_overhead"]["by_executors"] if r["executors"] <= 3]
    o1, o0 = line([r["executors"] for r in rows],
                  [r["update_split_probes"]["empty_job_ms"] for r in rows])
    return {"D0": d0, "a_ms_per_row": a, "c0_ms": c0, "o0_ms": o0, "o1_ms": o1,
            "serialize_ms_per_byte": sum(per_byte) / len(per_byte)}


def tree(p, depth):
    """(combining levels, sums per receiver at a level, sums reaching the driver), as
    OrderedTreeSum and treeAggregate build the tree."""
    scale = max(math.ceil(p ** (1.0 / depth)), 2)
    n, levels = p, 0
    while n > scale + math.ceil(n / scale):
        n //= scale
        levels += 1
    return levels, scale, n


def communication(k, d, p):
    if p == 1:
        return 0.0
    bw, lat = ASSUMED["bandwidth_bytes_per_ms"], ASSUMED["latency_ms"]
    size = 4.0 * d
    per_sum = size / bw + size * k["serialize_ms_per_byte"]
    # Torrent broadcast: the driver sends Θ about once (twice, to be safe), the executors pass
    # pieces on in about log2(P) rounds.
    broadcast = math.ceil(math.log2(p)) * lat + 2 * size / bw
    # Each combining level is one more stage (the job's fixed cost o0 again) whose receivers take
    # `scale` sums each in parallel; the driver then takes the last n sums one after the other.
    levels, scale, n = tree(p, ASSUMED["tree_depth"])
    aggregation = levels * (k["o0_ms"] + lat + scale * per_sum) + lat + n * per_sum
    return broadcast + aggregation


def update_ms(k, d, b, p):
    compute = k["a_ms_per_row"] * (d / k["D0"]) * b / p + k["c0_ms"]
    step = ASSUMED["driver_step_ms_per_param"] * d
    return compute + k["o0_ms"] + k["o1_ms"] * p + communication(k, d, p) + step


def efficiency(k, d, b, p):
    return update_ms(k, d, b, 1) / (p * update_ms(k, d, b, p))


def batch_for(k, d, p, target=0.8):
    b = 1
    while b < 1 << 40:
        if efficiency(k, d, b, p) >= target:
            return b
        b *= 2
    return None


def what_if(k, o1):
    """The same model with another per-executor overhead o1 (ms), for the sensitivity table."""
    return dict(k, o1_ms=o1)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "docs/scaling/scale.json"
    with open(path) as f:
        k = fit(json.load(f))
    print("fitted:", json.dumps(k, indent=2))
    print("assumed:", json.dumps(ASSUMED))
    for name, d in NETWORKS.items():
        for b in (1024, 16384):
            effs = ", ".join(f"P={p}: {efficiency(k, d, b, p):.2f} ({update_ms(k, d, b, p):.1f} ms)"
                             for p in WORKERS)
            print(f"{name}, B={b}: {effs}")
        print(f"{name}, batch for 80%: " + ", ".join(
            f"P={p}: {batch_for(k, d, p)}" for p in WORKERS))
        for o1 in (1.0, 0.1):
            w = what_if(k, o1)
            print(f"{name}, what if o1 = {o1} ms: batch for 80%: " + ", ".join(
                f"P={p}: {batch_for(w, d, p)}" for p in WORKERS) + "; E at B=16384: " + ", ".join(
                f"P={p}: {efficiency(w, d, 16384, p):.2f}" for p in WORKERS))


if __name__ == "__main__":
    main()
