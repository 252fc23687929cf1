#!/usr/bin/env python3
"""The plain-PyTorch baseline of `reclens-cli bench whatif`: the live what-if round trip.

Two modes:

  --make-model --out model.pt --items N --dim D [--kind averaged|twotower] [--contract V]
      writes the random-weight contract model of bench_explain_baseline.py.

  --model model.pt --scenario scenario.json --k K --explain-k E --steps S --threads T
      loads the model with torch.jit.load and, for every edit of the scenario in turn, runs the round
      trip: apply the edit to the user's history (remove one item or give it a new weight), compute the
      new user vector with the model's own methods, score the full catalog with one matrix-vector
      product against the item matrix (fetched once, before timing, as RecLens caches it when it loads
      the model), leave the edited history out, take the top K, compare it with the unedited top K (the
      overlap RecLens reports), and explain the first E items with Integrated Gradients. Prints one JSON
      object: the raw time of every edit after the two warm-up ones ("times_ms"), the top K of every
      edit, the mean overlap and the attributions of the last edit.

Why the comparison is fair: the scoring, the top K and the user vector run under torch.no_grad; the
explanation is bench_explain_baseline.py's (all S steps in one batch through `user_vectors`, one forward
pass, the faster of one batched autograd.grad call or one per item, chosen by measuring before the timed
edits); the same number of torch threads as RecLens (--threads); the same work inside the timer as
RecLens's round trip (edit, user vector, top K, comparison, explanation with f(x) and f(x')).
"""
import argparse
import json
import os
import sys
import time
from types import SimpleNamespace

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_explain_baseline import Explainer, explain, make_model, pick_grad_mode  # noqa: E402


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


def top_k(model, ex, item_matrix, h, w, codes, k):
    with torch.no_grad():
        u = ex.users(model.history_inputs(h)[None], w[None], model.user_field_inputs(codes)[None])[0]
        scores = item_matrix @ u
        scores[h] = float("-inf")
        return torch.topk(scores, k).indices


def round_trip(model, ex, item_matrix, history, weights, codes, before, a, ig, grad_mode, device):
    h = torch.tensor(history, dtype=torch.int64, device=device)
    w = torch.tensor(weights, dtype=torch.float32, device=device)
    top = top_k(model, ex, item_matrix, h, w, codes, a.k)
    listed = top.tolist()
    overlap = len(before & set(listed)) / max(len(before), len(listed), 1)
    attributions, _, _, _ = explain(model, ex, h, w, codes, top[:a.explain_k], ig, grad_mode)
    return listed, overlap, attributions


def bench(a):
    torch.set_num_threads(a.threads if a.threads > 0 else (os.cpu_count() or 1))
    device = torch.device(a.device)
    model = torch.jit.load(a.model, map_location=device)
    ex = Explainer(model)
    with open(a.scenario, encoding="utf-8") as f:
        scenario = json.load(f)
    codes = torch.tensor(scenario["codes"], dtype=torch.int64, device=device)
    with torch.no_grad():
        item_matrix = model.item_embeddings().contiguous()
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    ig = SimpleNamespace(method="ig", steps=a.steps, samples=0, seed=0)

    h0 = torch.tensor(scenario["history"], dtype=torch.int64, device=device)
    w0 = torch.tensor(scenario["weights"], dtype=torch.float32, device=device)
    unedited = top_k(model, ex, item_matrix, h0, w0, codes, a.k)
    before = set(unedited.tolist())
    grad_mode, trial = pick_grad_mode(lambda m: explain(model, ex, h0, w0, codes, unedited[:a.explain_k], ig, m),
                                      a.grad, sync)

    times, lists, overlaps, attributions = [], [], [], None
    for n, edit in enumerate(scenario["edits"]):
        history, weights = apply_edit(scenario["history"], scenario["weights"], edit)
        sync()
        start = time.perf_counter()
        listed, overlap, attributions = round_trip(model, ex, item_matrix, history, weights, codes, before, a,
                                                   ig, grad_mode, device)
        sync()
        elapsed = (time.perf_counter() - start) * 1000.0
        if n >= 2:  # the first two edits warm up
            times.append(elapsed)
            overlaps.append(overlap)
        lists.append(listed)
    print(json.dumps({
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "device": str(device),
        "batched": ex.batched,
        "grad": grad_mode,
        "grad_trial_ms": trial,
        "times_ms": times,
        "lists": lists,
        "mean_overlap": sum(overlaps) / len(overlaps) if overlaps else 0.0,
        "attributions": attributions.double().cpu().tolist(),
    }))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--make-model", action="store_true", help="write a random-weight model and exit")
    p.add_argument("--out", help="model file to write (--make-model)")
    p.add_argument("--kind", choices=["averaged", "twotower"], default="averaged", help="model to write")
    p.add_argument("--contract", type=int, default=2, help="contract version the written model declares")
    p.add_argument("--items", type=int, default=100000)
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--model", help="model file")
    p.add_argument("--scenario", help='JSON {"history", "weights", "codes", "edits": [{"kind", "item", "weight"}]}')
    p.add_argument("--k", type=int, default=50)
    p.add_argument("--explain-k", type=int, default=10)
    p.add_argument("--steps", type=int, default=32)
    p.add_argument("--grad", choices=["auto", "batched", "per_item"], default="auto",
                   help="one autograd.grad for all items (is_grads_batched) or one per item; auto measures")
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
