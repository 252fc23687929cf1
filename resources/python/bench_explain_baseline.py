#!/usr/bin/env python3
"""The plain-PyTorch baseline of `reclens-cli bench explain`: Integrated Gradients with autograd.

Two modes:

  --make-model --out model.pt --items N --dim D
      writes a random-weight contract model of N items x D dims (the averaged-history matrix
      factorisation of export_example.py, with one user field) and its catalog ids beside it.

  --model model.pt --profile profile.json --steps S --repeat R
      loads the model with torch.jit.load, explains the profile's items with Integrated Gradients
      (zero baseline, midpoint rule: S points at (s + 0.5) / S) written as a PyTorch user would, one
      autograd.grad call per item and step, and prints one JSON object: median and p95 time in ms over
      R runs and the per-field attributions of every item (history rows, user fields, item parts).
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_example import AveragedHistoryMF, catalog_fingerprint  # noqa: E402


def make_model(a):
    ids = [f"i{r}" for r in range(a.items)]
    ids_path = os.path.splitext(a.out)[0] + "_items.txt"
    with open(ids_path, "w", encoding="utf-8") as f:
        f.write("".join(i + "\n" for i in ids))
    fields = [{"name": "segment", "vocabulary": ["a", "b", "c", "d"]}]
    metadata = {
        "contract_version": 1,
        "kind": "averaged-history-mf",
        "dim": a.dim,
        "num_items": a.items,
        "catalog_fingerprint": catalog_fingerprint(ids),
        "user_fields": fields,
        "item_parts": ["item"],
        "trained_by": "bench_explain_baseline.py (random weights)",
    }
    torch.manual_seed(a.seed)
    model = AveragedHistoryMF(a.items, a.dim, [len(f["vocabulary"]) for f in fields], json.dumps(metadata))
    torch.jit.script(model.eval()).save(a.out)


def integrated_gradients(model, history, weights, codes, items, steps):
    """Attributions [K, L + F + G] of the scores of `items`, zero baseline, midpoint rule."""
    h = model.history_inputs(history)  # [L, H]
    f = model.user_field_inputs(codes)  # [F, H]
    p = model.item_field_inputs(items)  # [K, G, E]
    k = items.numel()
    attr = torch.zeros(k, h.shape[0] + f.shape[0] + p.shape[1], dtype=torch.float64)
    for s in range(steps):
        alpha = (s + 0.5) / steps
        hs = (alpha * h).detach().requires_grad_(True)
        ws = (alpha * weights).detach().requires_grad_(True)
        fs = (alpha * f).detach().requires_grad_(True)
        ps = (alpha * p).detach().requires_grad_(True)
        scores = model.item_vectors(ps) @ model.user_vector(hs, ws, fs)  # [K]
        for j in range(k):
            gh, gw, gf, gp = torch.autograd.grad(scores[j], [hs, ws, fs, ps], retain_graph=True,
                                                 allow_unused=True)
            hist = (gh * h).sum(1) if gh is not None else torch.zeros(h.shape[0])
            if gw is not None:
                hist = hist + gw * weights
            user = (gf * f).sum(1) if gf is not None else torch.zeros(f.shape[0])
            part = (gp[j] * p[j]).sum(1) if gp is not None else torch.zeros(p.shape[1])
            attr[j] += torch.cat([hist, user, part]).double() / steps
    return attr


def bench(a):
    torch.set_num_threads(a.threads if a.threads > 0 else (os.cpu_count() or 1))
    device = torch.device(a.device)
    model = torch.jit.load(a.model, map_location=device)
    with open(a.profile, encoding="utf-8") as f:
        prof = json.load(f)
    history = torch.tensor(prof["history"], dtype=torch.int64, device=device)
    weights = torch.tensor(prof["weights"], dtype=torch.float32, device=device)
    codes = torch.tensor(prof["codes"], dtype=torch.int64, device=device)
    items = torch.tensor(prof["items"], dtype=torch.int64, device=device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)

    for _ in range(2):
        attr = integrated_gradients(model, history, weights, codes, items, a.steps)
    times = []
    for _ in range(a.repeat):
        sync()
        start = time.perf_counter()
        attr = integrated_gradients(model, history, weights, codes, items, a.steps)
        sync()
        times.append((time.perf_counter() - start) * 1000.0)
    times.sort()
    print(json.dumps({
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "device": str(device),
        "ms": {"median": times[len(times) // 2], "p95": times[min(len(times) - 1, int(len(times) * 0.95))]},
        "attributions": attr.tolist(),
    }))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--make-model", action="store_true", help="write a random-weight model and exit")
    p.add_argument("--out", help="model file to write (--make-model)")
    p.add_argument("--items", type=int, default=100000)
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--model", help="model file to explain")
    p.add_argument("--profile", help='JSON {"history", "weights", "codes", "items"}')
    p.add_argument("--steps", type=int, default=32)
    p.add_argument("--repeat", type=int, default=30)
    p.add_argument("--threads", type=int, default=0, help="torch threads; 0 = every core")
    p.add_argument("--device", default="cpu")
    a = p.parse_args()
    if a.make_model:
        if not a.out:
            p.error("--make-model needs --out")
        make_model(a)
    else:
        if not a.model or not a.profile:
            p.error("--model and --profile are required")
        bench(a)


if __name__ == "__main__":
    main()
