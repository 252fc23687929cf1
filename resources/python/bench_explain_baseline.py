#!/usr/bin/env python3
"""The plain-PyTorch baseline of `reclens-cli bench explain`: attributions written as a PyTorch expert would.

Two modes:

  --make-model --out model.pt --items N --dim D [--kind averaged|twotower] [--contract V]
      writes a random-weight contract model of N items x D dims and its catalog ids beside it:
      "averaged" is the averaged-history matrix factorisation of export_example.py with one user field;
      "twotower" has a non-linear user tower, u = p + W2 relu(W1 [p; sum of fields] + b1) + b2 with
      p = sum_l w_l h_l / sqrt(max(sum_l w_l, 1)), hidden width 64, and two item parts (item id and
      category embeddings, summed). Both have the batched `user_vectors` and declare their closed form
      (`explain_structure`, and `explain_tensors` for the tower's weights).

  --model model.pt --profile profile.json --method ig|gradxinput|occlusion|shapley --steps S
  --samples P --repeat R --threads T
      loads the model with torch.jit.load and explains the profile's items; prints one JSON object with
      the raw time of every timed run in ms ("times_ms", after two untimed warm-up runs), the attributions
      of every item (history rows, then user fields, then item parts), f(x) and f(x') per item, and which
      batched path was used. reclens-cli computes the medians and percentiles of both sides.

Why the comparison is fair (what Captum's IntegratedGradients does, and what RecLens's explainItems does
inside its timer):
  * the same inputs: history_inputs, user_field_inputs and item_field_inputs of the model are called inside
    the timer, as are f(x) and f(x') (the zero baseline), under torch.no_grad;
  * Integrated Gradients (and Gradient x Input, one point at alpha = 1): all scaled inputs of all S steps
    go through the model in ONE batch (`user_vectors` on [S, L, H] and `item_vectors` on [S*K, G, E]),
    ONE forward pass, then the gradients of the K target scores: one autograd.grad call for all K items
    with is_grads_batched=True, or one call per item, whichever the run measures faster on this machine
    (--grad auto); the quadrature is the midpoint rule, as in `bench explain`;
  * occlusion: the L history rows (weight and row zeroed), the F user fields (set to the model's vector for
    a missing value) and the G item parts (zeroed) occluded in ONE batch, under torch.no_grad;
  * Shapley: P sampled permutations as P/2 antithetic pairs (a permutation and its reverse), every prefix
    of every permutation evaluated in batches of user_vectors / item_vectors calls under torch.no_grad; the
    random permutations cannot be the same as RecLens's (another generator), so reclens-cli compares the
    two estimates within their standard errors and checks that both add up to f(x) - f(x');
  * the same number of torch threads (--threads), the same device.
A model file without `user_vectors` (contract version 1) is explained with one user_vector call per step
or variant, and the output says so ("batched": false). --naive adds the old loop (one autograd.grad per
(step, item)) as a second, labelled timing, "naive_times_ms".
"""
import argparse
import json
import math
import os
import sys
import time
from typing import List

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_example import AveragedHistoryMF, catalog_fingerprint  # noqa: E402


class RandomTwoTower(torch.nn.Module):
    """A random-weight two-tower model with a non-linear user tower (the "pooled_mlp" closed form)."""

    def __init__(self, num_items: int, dim: int, categories: int, field_sizes: list, hidden: int,
                 metadata_json: str, version: int):
        super().__init__()
        self.emb = torch.nn.Parameter(torch.randn(num_items, dim) * 0.1)
        self.cat = torch.nn.Parameter(torch.randn(categories, dim) * 0.1)
        self.register_buffer("item_cat", torch.randint(0, categories, (num_items,), dtype=torch.int64))
        offsets = [0]
        for size in field_sizes:
            offsets.append(offsets[-1] + size + 1)
        self.user_table = torch.nn.Parameter(torch.randn(offsets[-1], dim) * 0.1)
        self.register_buffer("field_offset", torch.tensor(offsets[:-1], dtype=torch.int64))
        self.register_buffer("field_missing", torch.tensor(field_sizes, dtype=torch.int64))
        self.w1 = torch.nn.Parameter(torch.randn(hidden, 2 * dim) / math.sqrt(2 * dim))
        self.b1 = torch.nn.Parameter(torch.randn(hidden) * 0.1)
        self.w2 = torch.nn.Parameter(torch.randn(dim, hidden) / math.sqrt(hidden))
        self.b2 = torch.nn.Parameter(torch.randn(dim) * 0.1)
        self.meta = metadata_json
        self.version = version

    @torch.jit.export
    def contract_version(self) -> int:
        return self.version

    @torch.jit.export
    def metadata(self) -> str:
        return self.meta

    @torch.jit.export
    def item_embeddings(self) -> torch.Tensor:
        return self.emb + self.cat.index_select(0, self.item_cat)

    @torch.jit.export
    def history_inputs(self, items: torch.Tensor) -> torch.Tensor:
        return self.emb.index_select(0, items)

    @torch.jit.export
    def user_field_inputs(self, codes: torch.Tensor) -> torch.Tensor:
        codes = torch.where(codes < 0, self.field_missing, codes)
        return self.user_table.index_select(0, self.field_offset + codes)

    @torch.jit.export
    def user_vector(self, history: torch.Tensor, weights: torch.Tensor, fields: torch.Tensor) -> torch.Tensor:
        total = weights.sum().clamp(min=1.0)
        pooled = (weights.unsqueeze(1) * history).sum(0) / torch.sqrt(total)
        hidden = torch.relu(torch.mv(self.w1, torch.cat([pooled, fields.sum(0)])) + self.b1)
        return pooled + torch.mv(self.w2, hidden) + self.b2

    @torch.jit.export
    def user_vectors(self, history: torch.Tensor, weights: torch.Tensor, fields: torch.Tensor) -> torch.Tensor:
        total = weights.sum(1, keepdim=True).clamp(min=1.0)
        pooled = (weights.unsqueeze(2) * history).sum(1) / torch.sqrt(total)
        hidden = torch.relu(torch.cat([pooled, fields.sum(1)], 1) @ self.w1.t() + self.b1)
        return pooled + hidden @ self.w2.t() + self.b2

    @torch.jit.export
    def explain_structure(self) -> str:
        return '{"user": {"form": "pooled_mlp", "norm": "sqrt", "clamp_min": 1.0}, "items": "sum_parts"}'

    @torch.jit.export
    def explain_tensors(self) -> List[torch.Tensor]:
        return [self.w1, self.b1, self.w2, self.b2]

    @torch.jit.export
    def item_field_inputs(self, items: torch.Tensor) -> torch.Tensor:
        return torch.stack([self.emb.index_select(0, items),
                            self.cat.index_select(0, self.item_cat.index_select(0, items))], 1)

    @torch.jit.export
    def item_vectors(self, parts: torch.Tensor) -> torch.Tensor:
        return parts.sum(1)


def make_model(a):
    ids = [f"i{r}" for r in range(a.items)]
    ids_path = os.path.splitext(a.out)[0] + "_items.txt"
    with open(ids_path, "w", encoding="utf-8") as f:
        f.write("".join(i + "\n" for i in ids))
    fields = [{"name": "segment", "vocabulary": ["a", "b", "c", "d"]}]
    twotower = getattr(a, "kind", "averaged") == "twotower"
    metadata = {
        "contract_version": a.contract,
        "kind": "two-tower (random weights)" if twotower else "averaged-history-mf",
        "dim": a.dim,
        "num_items": a.items,
        "catalog_fingerprint": catalog_fingerprint(ids),
        "user_fields": fields,
        "item_parts": ["item", "category"] if twotower else ["item"],
        "trained_by": "bench_explain_baseline.py (random weights)",
    }
    torch.manual_seed(a.seed)
    sizes = [len(f["vocabulary"]) for f in fields]
    if twotower:
        model = RandomTwoTower(a.items, a.dim, 50, sizes, 64, json.dumps(metadata), a.contract)
    else:
        model = AveragedHistoryMF(a.items, a.dim, sizes, json.dumps(metadata), a.contract)
    torch.jit.script(model.eval()).save(a.out)


class Explainer:
    """The model's methods, batched when the file has `user_vectors`."""

    def __init__(self, model):
        self.model = model
        self.batched = hasattr(model, "user_vectors")

    def users(self, h, w, f):
        """[B, L, H], [B, L], [B, F, H] -> [B, D]."""
        if self.batched:
            return self.model.user_vectors(h, w, f)
        return torch.stack([self.model.user_vector(h[b], w[b], f[b]) for b in range(h.shape[0])])

    def items(self, p):
        return self.model.item_vectors(p)


def model_inputs(model, history, weights, codes, items):
    with torch.no_grad():
        h = model.history_inputs(history).float()  # [L, H]
        f = model.user_field_inputs(codes).float()  # [F, H]
        p = model.item_field_inputs(items).float()  # [K, G, E]
    return h, weights, f, p


def outputs(ex, h, w, f, p):
    """f(x) and f(x') (zero baseline) of every item: [K], [K]."""
    with torch.no_grad():
        fx = ex.items(p) @ ex.users(h[None], w[None], f[None])[0]
        fb = ex.items(torch.zeros_like(p)) @ ex.users(torch.zeros_like(h)[None], torch.zeros_like(w)[None],
                                                      torch.zeros_like(f)[None])[0]
    return fx, fb


def gradient_attribution(ex, h, w, f, p, alphas, coefs, grad_mode):
    """Path-integrated gradients x input difference (zero baseline): [K, L + F + G]."""
    s = alphas.numel()
    k, g, e = p.shape
    a = alphas.to(h.dtype)
    hs = (a.view(s, 1, 1) * h).requires_grad_(True)  # [S, L, H]
    ws = (a.view(s, 1) * w).requires_grad_(True)  # [S, L]
    fs = (a.view(s, 1, 1) * f).requires_grad_(True)  # [S, F, H]
    ps = (a.view(s, 1, 1, 1) * p).requires_grad_(True)  # [S, K, G, E]
    u = ex.users(hs, ws, fs)  # [S, D]
    v = ex.items(ps.reshape(s * k, g, e)).reshape(s, k, -1)  # [S, K, D]
    scores = (u.unsqueeze(1) * v).sum(-1)  # [S, K]
    inputs = [hs, ws, fs, ps]
    c = coefs.to(h.dtype)
    l, nf = h.shape[0], f.shape[0]

    def integrate(grad, x):
        """sum_s c_s grad[s] * x, summed over the last axis when x has one: the attribution per row."""
        if grad is None:
            return torch.zeros(x.shape[0], dtype=h.dtype, device=h.device)
        total = (c @ grad.reshape(s, -1)).reshape(x.shape) * x
        return total.sum(-1) if x.dim() > 1 else total

    if grad_mode == "batched":
        eye = torch.eye(k, dtype=scores.dtype, device=scores.device)
        gh, gw, gf, gp = torch.autograd.grad(scores, inputs, grad_outputs=eye.unsqueeze(1).expand(k, s, k),
                                             is_grads_batched=True, allow_unused=True)  # each [K, S, ...]
        with torch.no_grad():
            rows = []
            for j in range(k):
                hist = integrate(None if gh is None else gh[j], h) + integrate(None if gw is None else gw[j], w)
                part = integrate(None if gp is None else gp[j, :, j], p[j])  # d score_j / d parts_i = 0, i != j
                rows.append(torch.cat([hist, integrate(None if gf is None else gf[j], f), part]))
        return torch.stack(rows)
    rows = []
    for j in range(k):
        gh, gw, gf, gp = torch.autograd.grad(scores[:, j].sum(), inputs, retain_graph=j + 1 < k, allow_unused=True)
        with torch.no_grad():
            hist = integrate(gh, h) + integrate(gw, w)
            part = integrate(None if gp is None else gp[:, j], p[j])
            rows.append(torch.cat([hist, integrate(gf, f), part]))
    return torch.stack(rows)


def occlusion_attribution(ex, model, codes, h, w, f, p):
    """Score drop when one field is left out: [K, L + F + G]. History rows get weight and row zero, user
    fields the model's vector for a missing value, item parts zero; all variants in one batch."""
    with torch.no_grad():
        l, nf = h.shape[0], f.shape[0]
        k, g, _ = p.shape
        missing = model.user_field_inputs(torch.full_like(codes, -1)).float()  # [F, H]
        keep = 1.0 - torch.eye(l, dtype=h.dtype, device=h.device)  # [L, L]
        hv = torch.cat([h.expand(1, -1, -1), keep.unsqueeze(2) * h, h.expand(nf, -1, -1)])  # [1 + L + F, L, H]
        wv = torch.cat([w.expand(1, -1), keep * w, w.expand(nf, -1)])
        fv = f.expand(1 + l + nf, -1, -1).clone()
        idx = torch.arange(nf, device=h.device)
        fv[1 + l + idx, idx] = missing
        u = ex.users(hv, wv, fv)  # [1 + L + F, D]
        vx = ex.items(p)  # [K, D]
        fx = vx @ u[0]
        user_attr = fx.unsqueeze(1) - vx @ u[1:].t()  # [K, L + F]
        on = 1.0 - torch.eye(g, dtype=p.dtype, device=p.device)  # [G, G]
        occluded = on.view(g, 1, g, 1) * p.unsqueeze(0)  # [G, K, G, E]
        vo = ex.items(occluded.reshape(g * k, g, -1)).reshape(g, k, -1)
        item_attr = fx.unsqueeze(1) - (vo @ u[0]).t()  # [K, G]
    return torch.cat([user_attr, item_attr], 1)


def shapley_attribution(ex, h, w, f, p, samples, seed, chunk=None):
    """Permutation-sampling Shapley values with antithetic pairs: mean [K, n] and standard error [K, n] over
    the pair means. Absent fields take the zero baseline. `chunk` permutations go through the model at a
    time; by default as many as keep the masked history batch near 2 MiB (measured fastest: larger
    batches spend their time allocating and faulting in fresh memory)."""
    with torch.no_grad():
        l, nf = h.shape[0], f.shape[0]
        k, g, e = p.shape
        n = l + nf + g
        pairs = max(1, (samples + 1) // 2)
        gen = torch.Generator().manual_seed(seed)
        order = torch.stack([torch.randperm(n, generator=gen) for _ in range(pairs)])  # [pairs, n]
        perms = torch.cat([order, order.flip(1)]).to(h.device)  # [2 * pairs, n]: pair i is rows i, pairs + i
        contrib = torch.empty(perms.shape[0], k, n, dtype=h.dtype, device=h.device)
        if chunk is None:
            chunk = max(1, (1 << 19) // max(1, (n + 1) * h.numel()))
        for first in range(0, perms.shape[0], chunk):
            pm = perms[first:first + chunk]  # [C, n]
            c = pm.shape[0]
            # on[c, t, j] = 1 when player j is among the first t players of permutation c, t = 0..n.
            rank = torch.empty_like(pm)
            rank.scatter_(1, pm, torch.arange(n, device=h.device).expand(c, n))
            on = (rank.unsqueeze(1) < torch.arange(n + 1, device=h.device).view(1, n + 1, 1)).to(h.dtype)
            on = on.reshape(c * (n + 1), n)
            oh, of, op = on[:, :l], on[:, l:l + nf], on[:, l + nf:]
            u = ex.users(oh.unsqueeze(2) * h, oh * w, of.unsqueeze(2) * f)  # [C(n+1), D]
            v = ex.items((op.view(-1, 1, g, 1) * p).reshape(-1, g, e)).reshape(-1, k, u.shape[1])
            vals = (v * u.unsqueeze(1)).sum(-1).reshape(c, n + 1, k)  # [C, n + 1, K]
            diff = (vals[:, 1:] - vals[:, :-1]).transpose(1, 2)  # [C, K, n]: by position in the permutation
            contrib[first:first + c].scatter_(2, pm.unsqueeze(1).expand(c, k, n), diff)
        pair_mean = 0.5 * (contrib[:pairs] + contrib[pairs:])  # [pairs, K, n]
        mean = pair_mean.mean(0)
        se = (pair_mean.std(0, unbiased=True) / math.sqrt(pairs) if pairs > 1
              else torch.full_like(mean, float("nan")))
    return mean, se


def naive_integrated_gradients(model, h, w, f, p, steps):
    """The old loop: one user_vector per step and one autograd.grad per (step, item). Labelled "naive"."""
    k = p.shape[0]
    attr = torch.zeros(k, h.shape[0] + f.shape[0] + p.shape[1], dtype=h.dtype)
    for s in range(steps):
        alpha = (s + 0.5) / steps
        hs = (alpha * h).detach().requires_grad_(True)
        ws = (alpha * w).detach().requires_grad_(True)
        fs = (alpha * f).detach().requires_grad_(True)
        ps = (alpha * p).detach().requires_grad_(True)
        scores = model.item_vectors(ps) @ model.user_vector(hs, ws, fs)
        for j in range(k):
            gh, gw, gf, gp = torch.autograd.grad(scores[j], [hs, ws, fs, ps], retain_graph=True, allow_unused=True)
            hist = (gh * h).sum(1) if gh is not None else torch.zeros(h.shape[0])
            if gw is not None:
                hist = hist + gw * w
            user = (gf * f).sum(1) if gf is not None else torch.zeros(f.shape[0])
            part = (gp[j] * p[j]).sum(1) if gp is not None else torch.zeros(p.shape[1])
            attr[j] += torch.cat([hist, user, part]) / steps
    return attr


def explain(model, ex, history, weights, codes, items, a, grad_mode):
    """Everything explainItems does inside RecLens's timer: inputs, f(x), f(x'), the attributions."""
    h, w, f, p = model_inputs(model, history, weights, codes, items)
    fx, fb = outputs(ex, h, w, f, p)
    se = None
    if a.method in ("ig", "gradxinput"):
        if a.method == "ig":
            alphas = (torch.arange(a.steps, dtype=torch.float64) + 0.5) / a.steps
            coefs = torch.full((a.steps,), 1.0 / a.steps, dtype=torch.float64)
        else:
            alphas, coefs = torch.ones(1, dtype=torch.float64), torch.ones(1, dtype=torch.float64)
        attr = gradient_attribution(ex, h, w, f, p, alphas.to(h.device), coefs.to(h.device), grad_mode)
    elif a.method == "occlusion":
        attr = occlusion_attribution(ex, model, codes, h, w, f, p)
    else:
        attr, se = shapley_attribution(ex, h, w, f, p, a.samples, a.seed)
    return attr, fx, fb, se


def load_profile(path, device):
    with open(path, encoding="utf-8") as f:
        prof = json.load(f)
    return (torch.tensor(prof["history"], dtype=torch.int64, device=device),
            torch.tensor(prof["weights"], dtype=torch.float32, device=device),
            torch.tensor(prof["codes"], dtype=torch.int64, device=device),
            torch.tensor(prof["items"], dtype=torch.int64, device=device))


def time_runs(fn, repeat, sync):
    for _ in range(2):
        result = fn()
    times = []
    for _ in range(repeat):
        sync()
        start = time.perf_counter()
        result = fn()
        sync()
        times.append((time.perf_counter() - start) * 1000.0)
    return times, result


def pick_grad_mode(fn, requested, sync):
    """--grad auto: the faster of one batched grad call and one call per item (median of 5 runs each)."""
    if requested != "auto":
        return requested, {}
    trial = {}
    for mode in ("batched", "per_item"):
        try:
            times, _ = time_runs(lambda m=mode: fn(m), 5, sync)
            trial[mode] = sorted(times)[len(times) // 2]
        except RuntimeError as e:  # is_grads_batched cannot vmap every operator on every torch version
            trial[mode] = "failed: " + str(e).splitlines()[0]
    timed = {m: t for m, t in trial.items() if isinstance(t, float)}
    return min(timed, key=timed.get), trial


def bench(a):
    torch.set_num_threads(a.threads if a.threads > 0 else (os.cpu_count() or 1))
    device = torch.device(a.device)
    model = torch.jit.load(a.model, map_location=device)
    ex = Explainer(model)
    history, weights, codes, items = load_profile(a.profile, device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    run = lambda mode: explain(model, ex, history, weights, codes, items, a, mode)  # noqa: E731

    grad_mode, trial = ("none", {})
    if a.method in ("ig", "gradxinput"):
        grad_mode, trial = pick_grad_mode(run, a.grad, sync)
    times, (attr, fx, fb, se) = time_runs(lambda: run(grad_mode), a.repeat, sync)
    out = {
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "device": str(device),
        "method": a.method,
        "batched": ex.batched,
        "path": ("user_vectors: all steps/variants in one batch" if ex.batched
                 else "the file has no user_vectors (contract version 1): one user_vector call per step/variant"),
        "grad": grad_mode,
        "grad_trial_ms": trial,
        "times_ms": times,
        "attributions": attr.double().cpu().tolist(),
        "outputs": fx.double().cpu().tolist(),
        "baseline_outputs": fb.double().cpu().tolist(),
    }
    if se is not None:
        out["standard_errors"] = se.double().cpu().tolist()
    if a.naive and a.method == "ig":
        h, w, f, p = model_inputs(model, history, weights, codes, items)
        naive, _ = time_runs(lambda: naive_integrated_gradients(model, h, w, f, p, a.steps), max(1, a.repeat // 3),
                             sync)
        out["naive_times_ms"] = naive
    print(json.dumps(out))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--make-model", action="store_true", help="write a random-weight model and exit")
    p.add_argument("--out", help="model file to write (--make-model)")
    p.add_argument("--kind", choices=["averaged", "twotower"], default="averaged", help="model to write")
    p.add_argument("--contract", type=int, default=2, help="contract version the written model declares")
    p.add_argument("--items", type=int, default=100000)
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--seed", type=int, default=0, help="model weights (--make-model), Shapley permutations")
    p.add_argument("--model", help="model file to explain")
    p.add_argument("--profile", help='JSON {"history", "weights", "codes", "items"}')
    p.add_argument("--method", choices=["ig", "gradxinput", "occlusion", "shapley"], default="ig")
    p.add_argument("--steps", type=int, default=32)
    p.add_argument("--samples", type=int, default=64, help="Shapley permutations (rounded up to even)")
    p.add_argument("--grad", choices=["auto", "batched", "per_item"], default="auto",
                   help="one autograd.grad for all items (is_grads_batched) or one per item; auto measures")
    p.add_argument("--naive", action="store_true", help="also time the naive per-(step, item) loop")
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
