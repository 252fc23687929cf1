#!/usr/bin/env python3
"""The plain-PyTorch baseline of `reclens-cli bench whatif`: the live what-if round trip.

Two modes:

  --make-model --out model.pt --items N --dim D
      writes the random-weight contract model of bench_explain_baseline.py.

  --model model.pt --scenario scenario.json --k K --steps S
      loads the model with torch.jit.load and, for every edit of the scenario in turn, runs the round
      trip as a PyTorch user would write it: apply the edit to the user's history (remove one item or
      give it a new weight), compute the new user vector with the model's own methods, score the full
      catalog with one matrix-vector product against the item matrix (fetched once, before timing),
      leave the edited history out, take the top K, and explain the first `explain_k` of them with
      Integrated Gradients (the same autograd code as bench_explain_baseline.py). Prints one JSON
      object: median and p95 time in ms over the edits (after two warm-up edits), the top-K of every
      edit, and the attributions of the last one.
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_explain_baseline import integrated_gradients, make_model  # noqa: E402


def apply_edit(history, weights, edit):
    """The edited (history, weights) lists for one edit {"kind": "remove"|"weight", "item", "weight"}."""
    history = list(history)
    weights = list(weights)
    at = history.index(edit["item"])
    if edit["kind"] == "remove":
        del history[at]
        del weights[at]
    else:
        weights[at] = edit["weight"]
    return history, weights


def round_trip(model, item_matrix, history, weights, codes, k, explain_k, steps, device):
    h = torch.tensor(history, dtype=torch.int64, device=device)
    w = torch.tensor(weights, dtype=torch.float32, device=device)
    with torch.no_grad():
        u = model.user_vector(model.history_inputs(h), w, model.user_field_inputs(codes))
        scores = item_matrix @ u
        scores[h] = float("-inf")
        top = torch.topk(scores, k).indices
    attributions = integrated_gradients(model, h, w, codes, top[:explain_k], steps)
    return top, attributions


def bench(a):
    torch.set_num_threads(a.threads if a.threads > 0 else (os.cpu_count() or 1))
    device = torch.device(a.device)
    model = torch.jit.load(a.model, map_location=device)
    with open(a.scenario, encoding="utf-8") as f:
        scenario = json.load(f)
    codes = torch.tensor(scenario["codes"], dtype=torch.int64, device=device)
    with torch.no_grad():
        item_matrix = model.item_embeddings().contiguous()
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)

    edits = scenario["edits"]
    times, lists, attributions = [], [], None
    for n, edit in enumerate(edits):
        history, weights = apply_edit(scenario["history"], scenario["weights"], edit)
        sync()
        start = time.perf_counter()
        top, attributions = round_trip(model, item_matrix, history, weights, codes, a.k, a.explain_k, a.steps,
                                       device)
        sync()
        elapsed = (time.perf_counter() - start) * 1000.0
        if n >= 2:  # the first two edits warm up
            times.append(elapsed)
        lists.append(top.tolist())
    times.sort()
    print(json.dumps({
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "device": str(device),
        "ms": {"median": times[len(times) // 2], "p95": times[min(len(times) - 1, int(len(times) * 0.95))]},
        "lists": lists,
        "attributions": attributions.tolist(),
    }))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--make-model", action="store_true", help="write a random-weight model and exit")
    p.add_argument("--out", help="model file to write (--make-model)")
    p.add_argument("--items", type=int, default=100000)
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--model", help="model file")
    p.add_argument("--scenario", help='JSON {"history", "weights", "codes", "edits": [{"kind", "item", "weight"}]}')
    p.add_argument("--k", type=int, default=50)
    p.add_argument("--explain-k", type=int, default=10)
    p.add_argument("--steps", type=int, default=32)
    p.add_argument("--threads", type=int, default=0, help="torch threads; 0 = every core")
    p.add_argument("--device", default="cpu")
    a = p.parse_args()
    if a.make_model:
        if not a.out:
            p.error("--make-model needs --out")
        make_model(a)
    else:
        if not a.model or not a.scenario:
            p.error("--model and --scenario are required")
        bench(a)


if __name__ == "__main__":
    main()
