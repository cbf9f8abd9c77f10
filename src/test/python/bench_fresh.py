"""scripts/bench-fresh: sparkprop and PyTorch as users run them, fresh processes one after another.

Run through scripts/bench-fresh (which builds sparkprop and installs python3-torch first); see
docs/performance.md. Standard library only. For each configuration it launches
  scripts/train CONF --set ... --set data.validation=<the test images> --out DIR --profile
and then src/test/python/fashion_mlp.py with the same settings under the distribution's
/usr/bin/python3, once with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE set and once unset (the better
run counts). Times count from the moment the bench launches the process: wall time to its exit,
time to 85% / 88% test accuracy (the end of the first epoch at or above it, that epoch's test
evaluation included), and the training clock. sparkprop's per-epoch test accuracy is its
validation accuracy with the test set as the validation set (data.validation), so each epoch
pays one evaluation job over the 10,000 test rows, and the test rows are packed twice (once as
validation shards, once for the final evaluation); the ends of the epochs come from --profile.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__)))))
TORCH_SCRIPT = os.path.join(ROOT, "src", "test", "python", "fashion_mlp.py")
DATA = os.path.join(ROOT, "data", "fashion-mnist")
TEST_IMAGES = "data/fashion-mnist/t10k-images-idx3-ubyte.gz"
TARGETS = (0.85, 0.88)
BLAS_VARS = {"OPENBLAS_CORETYPE": "Haswell", "OPENBLAS_L2_SIZE": "512"}

# name -> (description, scripts/train arguments, fashion_mlp.py arguments)
CONFIGS = {
    "adam1024": (
        "784-256-128-10, Adam 0.004, cosine, batch 1024, 10 epochs",
        ["conf/fashion-mnist.conf", "--set", "optimizer=adam", "--set", "stepSize=0.004",
         "--set", "schedule=cosine", "--set", "batchSize=1024", "--set", "epochs=10"],
        ["--layers", "784,256,128,10", "--optimizer", "adam", "--step-size", "0.004",
         "--schedule", "cosine", "--batch", "1024", "--epochs", "10", "--seed", "1"]),
    "momentum128": (
        "conf/fashion-mnist.conf: 784-256-128-10, momentum 0.01/0.9, batch 128, 15 epochs",
        ["conf/fashion-mnist.conf"],
        ["--layers", "784,256,128,10", "--optimizer", "momentum", "--step-size", "0.01",
         "--momentum", "0.9", "--schedule", "constant", "--batch", "128", "--epochs", "15",
         "--seed", "1"]),
}


def first_reaching(epochs, target):
    """(seconds since launch, epoch) of the first epoch at or above target, or (None, None)."""
    for e in epochs:
        if e["test_accuracy"] >= target:
            return e["since_launch"], e["epoch"]
    return None, None


def summarize(run, epochs, targets=TARGETS):
    for t in targets:
        seconds, epoch = first_reaching(epochs, t)
        run[f"seconds_to_{round(t * 100)}"] = seconds
        run[f"epoch_to_{round(t * 100)}"] = epoch
    run["epochs"] = epochs
    return run


def run_sparkprop(name, args, out, env_extra, label):
    run_dir = os.path.join(out, f"sparkprop-{name}-{label}")
    cmd = [os.path.join(ROOT, "scripts", "train"), *args,
           "--set", f"data.validation={TEST_IMAGES}", "--out", run_dir, "--profile"]
    env = dict(os.environ, **env_extra)
    log = os.path.join(out, f"sparkprop-{name}-{label}.log")
    print(f"bench-fresh: sparkprop {name} ({label}) ...", file=sys.stderr, flush=True)
    load = os.getloadavg()[0]
    launch = time.time()
    with open(log, "w") as stdout:
        status = subprocess.call(cmd, cwd=ROOT, env=env, stdout=stdout,
                                 stderr=subprocess.STDOUT)
    wall = time.time() - launch
    run = {"side": "sparkprop", "config": name, "label": label, "command": " ".join(cmd),
           "java_opts": env.get("SPARKPROP_JAVA_OPTS", ""), "exit_status": status,
           "load_average_at_launch": load,
           "wall_seconds": wall, "log": log}
    if status != 0:
        return run
    profile = None
    with open(log) as f:
        for line in f:
            if line.startswith("sparkprop: profile.json "):
                profile = json.loads(line[len("sparkprop: profile.json "):])
    with open(os.path.join(run_dir, "summary.json")) as f:
        summary = json.load(f)
    with open(os.path.join(run_dir, "metrics.jsonl")) as f:
        metrics = [json.loads(l) for l in f if l.strip()]
    jvm_start = profile["jvm_start_epoch_ms"] / 1e3
    epochs = []
    for m in metrics:
        at = profile["epoch_end_at"][str(m["epoch"])]
        epochs.append({"epoch": m["epoch"], "test_accuracy": m["validation_accuracy"],
                       "since_launch": jvm_start - launch + at,
                       "training_seconds": m["elapsed_seconds"]})
    run.update({"launch_to_jvm_start": jvm_start - launch,
                "phases": {"launch to jvm start (scripts)": jvm_start - launch,
                           "jvm start to main": profile["main_at"],
                           **{p["name"]: p["seconds"] for p in profile["phases"]},
                           "main end to exit": wall - (jvm_start - launch)
                           - profile["phases"][-1]["end_at"]},
                "training_seconds": summary["seconds"],
                "final_test_accuracy": summary["test_accuracy"],
                "blas": summary.get("blas")})
    return summarize(run, epochs)


def run_torch(name, args, out, threads, blas_vars):
    env = dict(os.environ)
    for k, v in BLAS_VARS.items():
        if blas_vars:
            env[k] = os.environ.get(k, v)
        else:
            env.pop(k, None)
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    env["OMP_NUM_THREADS"] = str(threads)
    label = "blas-vars-set" if blas_vars else "blas-vars-unset"
    cmd = ["/usr/bin/python3", TORCH_SCRIPT, "--data", DATA, "--threads", str(threads), *args]
    log = os.path.join(out, f"pytorch-{name}-{label}.log")
    print(f"bench-fresh: pytorch {name} ({label}) ...", file=sys.stderr, flush=True)
    load = os.getloadavg()[0]
    launch = time.time()
    with open(log, "w") as stdout:
        status = subprocess.call(cmd, cwd=ROOT, env=env, stdout=stdout,
                                 stderr=subprocess.STDOUT)
    wall = time.time() - launch
    run = {"side": "pytorch", "config": name, "label": label, "command": " ".join(cmd),
           "exit_status": status, "load_average_at_launch": load, "wall_seconds": wall, "log": log,
           "env": {k: env.get(k) for k in [*BLAS_VARS, "OPENBLAS_NUM_THREADS",
                                           "OMP_NUM_THREADS"]}}
    if status != 0:
        return run
    epochs, final = [], None
    with open(log) as f:
        for line in f:
            if not line.startswith("{"):
                continue
            d = json.loads(line)
            if d.get("final"):
                final = d
            else:
                epochs.append({"epoch": d["epoch"], "test_accuracy": d["test_accuracy"],
                               "since_launch": d["epoch_end_unix"] - launch,
                               "training_seconds": d["training_seconds"]})
    run.update({"training_seconds": final["training_seconds"],
                "final_test_accuracy": final["test_accuracy"],
                "test_evaluation_seconds": final["test_evaluation_seconds"],
                "launch_to_training": final["process_start_unix"] - launch
                + final["start_to_training"],
                "torch": final["torch"], "threads": final["threads"]})
    return summarize(run, epochs)


def fmt(x, spec=".1f", none="—"):
    return none if x is None else format(x, spec)


def to_target(run, t):
    s, e = run.get(f"seconds_to_{t}"), run.get(f"epoch_to_{t}")
    return "not reached" if s is None else f"{s:.1f} s (epoch {e})"


def markdown(result):
    lines = [f"# Fresh processes, as users run them ({result['date']})", "",
             f"{result['machine']}; {result['environment']}", "",
             "| configuration | system | run | load at launch | wall (launch to exit)"
             " | training clock | to 85% | to 88% | final test accuracy |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, c in result["configs"].items():
        for run in c["runs"]:
            if run["exit_status"] != 0:
                lines.append(f"| {name} | {run['side']} | {run['label']} | | failed (exit"
                             f" {run['exit_status']}, {run['log']}) | | | | |")
                continue
            best = " (counted)" if run is c.get(f"{run['side']}_best") else ""
            lines.append(f"| {name} | {run['side']} | {run['label']}{best}"
                         f" | {fmt(run.get('load_average_at_launch'))}"
                         f" | {run['wall_seconds']:.1f} s | {run['training_seconds']:.1f} s"
                         f" | {to_target(run, 85)} | {to_target(run, 88)}"
                         f" | {run['final_test_accuracy']:.4f} |")
        if c.get("ratio_wall") is not None:
            lines.append(f"| {name} | sparkprop ÷ PyTorch | | | {c['ratio_wall']:.2f}×"
                         f" | {fmt(c.get('ratio_training'), '.2f')}×"
                         f" | {fmt(c.get('ratio_to_85'), '.2f')}×"
                         f" | {fmt(c.get('ratio_to_88'), '.2f')}× | |")
    lines += ["", "Where sparkprop's wall time went (seconds, `--profile`):", "",
              "| configuration | run | " + " | ".join(result["phase_names"]) + " |",
              "|---|---|" + "---|" * len(result["phase_names"])]
    for name, c in result["configs"].items():
        for run in c["runs"]:
            if run["side"] == "sparkprop" and "phases" in run:
                lines.append(f"| {name} | {run['label']} | " + " | ".join(
                    fmt(run["phases"].get(p), ".2f") for p in result["phase_names"]) + " |")
    lines += ["", "Configurations:", ""]
    lines += [f"- {name}: {c['description']}" for name, c in result["configs"].items()]
    return "\n".join(lines) + "\n"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def main():
    p = argparse.ArgumentParser(description="fresh-process benchmark (see docs/performance.md)")
    p.add_argument("--out", default=os.path.join(
        ROOT, "runs", "bench-fresh-" + time.strftime("%Y%m%d-%H%M%S")))
    p.add_argument("--configs", default=",".join(CONFIGS))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--no-torch", action="store_true", help="sparkprop only")
    p.add_argument("--torch-env", choices=["both", "as-is"], default="both",
                   help="run PyTorch with OPENBLAS_CORETYPE/L2_SIZE set and unset (both)")
    p.add_argument("--variant", action="append", default=[], metavar="LABEL=JAVA_OPTS",
                   help="also run sparkprop with SPARKPROP_JAVA_OPTS=JAVA_OPTS (repeatable)")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch_ok = not a.no_torch and subprocess.call(
        ["/usr/bin/python3", "-c", "import torch"], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL) == 0
    if not a.no_torch and not torch_ok:
        print("bench-fresh: note: no PyTorch for /usr/bin/python3 (python3-torch); the PyTorch"
              " side is skipped", file=sys.stderr)
    variants = [("default", {})] + [
        (v.split("=", 1)[0], {"SPARKPROP_JAVA_OPTS": v.split("=", 1)[1]}) for v in a.variant]
    load_before = os.getloadavg()
    result = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "machine": f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}",
              "environment": ", ".join(f"{k}={os.environ.get(k, '(unset)')}" for k in
                                       [*BLAS_VARS, "OPENBLAS_NUM_THREADS"])
              + f" for sparkprop (local[2], 2 partitions); PyTorch {a.threads} threads"
              f" (torch.set_num_threads, OPENBLAS_NUM_THREADS and OMP_NUM_THREADS={a.threads})",
              "load_average_before": load_before, "configs": {}}
    phase_names = []
    for name in a.configs.split(","):
        description, train_args, torch_args = CONFIGS[name]
        c = {"description": description, "runs": []}
        result["configs"][name] = c
        for label, env_extra in variants:
            c["runs"].append(run_sparkprop(name, train_args, a.out, env_extra, label))
        if torch_ok:
            envs = [True, False] if a.torch_env == "both" else [
                all(k in os.environ for k in BLAS_VARS)]
            for blas_vars in envs:
                c["runs"].append(run_torch(name, torch_args, a.out, a.threads, blas_vars))
        for side in ("sparkprop", "pytorch"):
            ok = [r for r in c["runs"] if r["side"] == side and r["exit_status"] == 0
                  and (side == "pytorch" or r["label"] == "default")]
            if ok:
                c[f"{side}_best"] = min(ok, key=lambda r: r["wall_seconds"])
        for run in c["runs"]:
            for ph in run.get("phases", {}):
                if ph not in phase_names:
                    phase_names.append(ph)
        s, t = c.get("sparkprop_best"), c.get("pytorch_best")
        if s and t:
            c["ratio_wall"] = ratio(s["wall_seconds"], t["wall_seconds"])
            c["ratio_training"] = ratio(s["training_seconds"], t["training_seconds"])
            c["ratio_to_85"] = ratio(s["seconds_to_85"], t["seconds_to_85"])
            c["ratio_to_88"] = ratio(s["seconds_to_88"], t["seconds_to_88"])
        for side, key in (("sparkprop", "sparkprop_fresh"), ("pytorch", "pytorch")):
            best = c.get(f"{side}_best")
            suffix = "" if name == "adam1024" else f"_{name}"
            if best:
                result[f"{key}_seconds_to_85{suffix}"] = best["seconds_to_85"]
                result[f"{key}_seconds_to_88{suffix}"] = best["seconds_to_88"]
                result[f"{key}_wall_seconds{suffix}"] = best["wall_seconds"]
                result[f"{key}_training_seconds{suffix}"] = best["training_seconds"]
                result[f"{key}_final_test_accuracy{suffix}"] = best["final_test_accuracy"]
    result["phase_names"] = phase_names
    result["load_average_after"] = os.getloadavg()
    result["environment"] += (f"; load average {load_before[0]:.1f} before,"
                              f" {result['load_average_after'][0]:.1f} after")
    for c in result["configs"].values():
        for side in ("sparkprop", "pytorch"):
            if f"{side}_best" in c:
                c[f"{side}_best"] = c[f"{side}_best"]["label"]
    md = markdown_with_labels(result)
    with open(os.path.join(a.out, "bench.json"), "w") as f:
        json.dump(result, f, indent=2)
    with open(os.path.join(a.out, "bench.md"), "w") as f:
        f.write(md)
    print(md)
    print(f"bench-fresh: wrote {a.out}/bench.json and bench.md", file=sys.stderr)


def markdown_with_labels(result):
    # The best runs are recorded by label in bench.json; mark them in the table by label.
    view = json.loads(json.dumps(result))
    for c in view["configs"].values():
        for side in ("sparkprop", "pytorch"):
            label = c.get(f"{side}_best")
            c[f"{side}_best"] = next((r for r in c["runs"] if r["side"] == side
                                      and r["label"] == label), None)
    return markdown(view)


if __name__ == "__main__":
    main()
