#!/usr/bin/env python3
"""The plain-PyTorch baseline of `reclens-cli bench score`: the same work, written as a PyTorch user would.

Reads the item matrix [N, D] and the user vectors [U, D] that reclens-cli wrote (raw float32, row-major),
then measures (a) full-catalog score + top-K for one user (torch.mv + torch.topk), the raw time of each of
--repeat runs after ten warm-up ones, and (b) batched scoring of every user (torch.mm + torch.topk, top-20,
--batch users per product), the time of the whole pass. Prints one JSON object on stdout, including the
top-K of the first --sample users for the agreement check; reclens-cli computes medians, percentiles and
users/s of both sides the same way.

Fair because it is the same work as RecLens's (one product and one top-K per user or batch, results
copied back to the host), under torch.inference_mode, with the same number of torch threads (--threads).
"""
import argparse
import json
import os
import time

import numpy as np
import torch


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--items-file", required=True)
    p.add_argument("--users-file", required=True)
    p.add_argument("--items", type=int, required=True)
    p.add_argument("--users", type=int, required=True)
    p.add_argument("--dim", type=int, required=True)
    p.add_argument("--k", type=int, default=50)
    p.add_argument("--batch-k", type=int, default=20)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--repeat", type=int, default=200)
    p.add_argument("--sample", type=int, default=20)
    p.add_argument("--threads", type=int, default=0, help="torch threads; 0 = every core")
    p.add_argument("--device", default="cpu")
    a = p.parse_args()
    torch.set_num_threads(a.threads if a.threads > 0 else (os.cpu_count() or 1))

    device = torch.device(a.device)
    items = torch.from_numpy(np.fromfile(a.items_file, dtype=np.float32).reshape(a.items, a.dim)).to(device)
    users = torch.from_numpy(np.fromfile(a.users_file, dtype=np.float32).reshape(a.users, a.dim)).to(device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)

    with torch.inference_mode():
        for r in range(10):
            torch.topk(torch.mv(items, users[r % a.users]), a.k)
        times = []
        for r in range(a.repeat):
            u = users[r % a.users]
            sync()
            start = time.perf_counter()
            values, indices = torch.topk(torch.mv(items, u), a.k)
            indices.cpu()
            sync()
            times.append((time.perf_counter() - start) * 1000.0)

        sync()
        start = time.perf_counter()
        for first in range(0, a.users, a.batch):
            scores = torch.mm(users[first:first + a.batch], items.t())
            torch.topk(scores, a.batch_k, dim=1).indices.cpu()
        sync()
        batch_seconds = time.perf_counter() - start

        sample = []
        for u in range(min(a.sample, a.users)):
            sample.append(torch.topk(torch.mv(items, users[u]), a.k).indices.cpu().tolist())

    print(json.dumps({
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "device": str(device),
        "single_times_ms": times,
        "batch_seconds": batch_seconds,
        "sample_topk": sample,
    }))


if __name__ == "__main__":
    main()
