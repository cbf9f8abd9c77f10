"""The PyTorch side of scripts/bench-fresh: sparkprop's Fashion-MNIST training, single process.

  /usr/bin/python3 src/test/python/fashion_mlp.py --data data/fashion-mnist \
      [--layers 784,256,128,10] [--optimizer adam|momentum] [--step-size 0.004] \
      [--momentum 0.9] [--schedule constant|cosine] [--batch 1024] [--epochs 10] [--seed 1] \
      [--threads 2] [--standardize]

Mirrors what sparkprop does with the same settings: the gzipped IDX files that scripts/get-data
fetches, pixels divided by 255 (data.scale), optionally standardized with the training mean and
variance (standardize); ReLU hidden layers, softmax + cross-entropy (mean over the batch); He
normal N(0, 2/fan_in) weights for layers feeding a ReLU, Glorot uniform for the output layer,
zero biases (sparkprop's init=auto); a fresh seeded permutation of the training rows every
epoch, the last batch partial; Adam (beta 0.9/0.999, epsilon 1e-8) or momentum SGD (nu 0.9,
v = nu*v + g, theta -= rho*v, the same iterates as sparkprop's v = nu*v - rho*g at a constant
rho); the cosine schedule m + (1 - m)(1 + cos(pi t / T))/2 with m = 0 moved at every update,
t = epoch + (update + 1) / updates per epoch, as sparkprop's Schedule.cosine.

After every epoch it evaluates the whole test set and prints one JSON line
  {"epoch": e, "test_accuracy": a, "epoch_end_unix": u, "since_start": s, "training_seconds": t}
(u: the wall clock at the end of the epoch, test evaluation included; s: seconds since this
process started, from /proc; t: the training clock, started before the first update, test
evaluation included as in sparkprop's elapsed time with a validation set), and at the end
{"final": true, ...} with the totals. Nothing is written to disk.
"""

import time

T_IMPORT = time.time()

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import struct  # noqa: E402


def process_start_unix():
    """When this process started (wall clock), from /proc; None where there is no /proc."""
    try:
        with open("/proc/self/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 of stat(5), counted after "pid (comm)"
        with open("/proc/stat") as f:
            btime = next(int(l.split()[1]) for l in f if l.startswith("btime"))
        return btime + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, StopIteration, IndexError):
        return None


def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    found, count = struct.unpack(">II", data[:8])
    if found != magic:
        raise SystemExit(f"{path}: IDX magic {found}, expected {magic}")
    return data, count


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True)
    p.add_argument("--layers", default="784,256,128,10")
    p.add_argument("--optimizer", choices=["adam", "momentum"], default="adam")
    p.add_argument("--step-size", type=float, default=0.004)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--schedule", choices=["constant", "cosine"], default="cosine")
    p.add_argument("--batch", type=int, default=1024)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--standardize", action="store_true")
    a = p.parse_args()

    import numpy as np
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    def images(name):
        data, count = read_idx(os.path.join(a.data, name), 2051)
        rows, cols = struct.unpack(">II", data[8:16])
        x = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)
        return torch.from_numpy(x.astype(np.float32) / 255.0)

    def labels(name):
        data, count = read_idx(os.path.join(a.data, name), 2049)
        return torch.from_numpy(np.frombuffer(data, dtype=np.uint8, offset=8).astype(np.int64))

    x_train = images("train-images-idx3-ubyte.gz")
    y_train = labels("train-labels-idx1-ubyte.gz")
    x_test = images("t10k-images-idx3-ubyte.gz")
    y_test = labels("t10k-labels-idx1-ubyte.gz")
    if a.standardize:
        mean = x_train.mean(0)
        std = x_train.std(0, unbiased=True)
        std = torch.sqrt(std * std + 1e-5)
        x_train = (x_train - mean) / std
        x_test = (x_test - mean) / std

    sizes = [int(s) for s in a.layers.split(",")]
    modules = []
    for k in range(1, len(sizes)):
        linear = torch.nn.Linear(sizes[k - 1], sizes[k])
        if k < len(sizes) - 1:
            torch.nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
        else:
            torch.nn.init.xavier_uniform_(linear.weight)
        torch.nn.init.zeros_(linear.bias)
        modules.append(linear)
        if k < len(sizes) - 1:
            modules.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*modules)
    if a.optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=a.step_size, betas=(0.9, 0.999), eps=1e-8)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=a.step_size, momentum=a.momentum)

    n = x_train.shape[0]
    updates = (n + a.batch - 1) // a.batch
    generator = torch.Generator().manual_seed(a.seed)
    started = process_start_unix() or T_IMPORT

    def test_accuracy():
        model.eval()
        with torch.no_grad():
            correct = (model(x_test).argmax(1) == y_test).sum().item()
        model.train()
        return correct / x_test.shape[0]

    t0 = time.time()
    first_at = t0 - started
    eval_seconds = 0.0
    accuracy = float("nan")
    for epoch in range(a.epochs):
        order = torch.randperm(n, generator=generator)
        for it in range(updates):
            if a.schedule == "cosine":
                t = epoch + (it + 1) / updates
                factor = 0.5 * (1 + math.cos(math.pi * t / a.epochs))
                for group in opt.param_groups:
                    group["lr"] = a.step_size * factor
            idx = order[it * a.batch:(it + 1) * a.batch]
            loss = F.cross_entropy(model(x_train[idx]), y_train[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        e0 = time.time()
        accuracy = test_accuracy()
        now = time.time()
        eval_seconds += now - e0
        print(json.dumps({"epoch": epoch + 1, "test_accuracy": accuracy, "loss": loss.item(),
                          "epoch_end_unix": now, "since_start": now - started,
                          "training_seconds": now - t0}), flush=True)
    end = time.time()
    print(json.dumps({"final": True, "test_accuracy": accuracy, "training_seconds": end - t0,
                      "test_evaluation_seconds": eval_seconds, "start_to_training": first_at,
                      "process_start_unix": started, "torch": torch.__version__,
                      "threads": torch.get_num_threads(),
                      "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"),
                      "openblas_l2_size": os.environ.get("OPENBLAS_L2_SIZE"),
                      "mkldnn": torch.backends.mkldnn.is_available()}), flush=True)


if __name__ == "__main__":
    main()
