#!/usr/bin/env python3
"""The plain PyTorch + numpy baseline of `reclens-cli bench audit`: the same full audit, written as a user would.

Reads what reclens-cli wrote into --dir (meta.json with the model file, and raw little-endian arrays: item matrix
[N, D], each user's history items (never listed) with their weights and the model's user field codes, test items,
the history interactions, user groups and item fields), then times --repeats full audits: every user's vector from
the model's own methods (history_inputs, user_field_inputs and the batched user_vectors, users of equal history
length in one call; one user_vector call per user for a file without user_vectors), top-K of every user by
torch.mm + torch.topk in batches, and every metric of docs/metrics.md in numpy (accuracy, coverage, Gini, ARP,
APLT, tail percentage, novelty, intra-list diversity, exposure entropy, item-group exposure shares, per-group means
with bootstrap intervals, gaps and permutation p-values). Prints one JSON object with the raw seconds of every
audit, the metrics of the first run and a sample of top-K lists.

The same work as RecLens's timer holds: user vectors, lists, metrics, fairness statistics. The bootstrap and the
permutations draw from numpy's generator, not RecLens's, so reclens-cli compares those values within their Monte
Carlo error. Grouping a user's interaction rows into a profile is done by reclens-cli before the baseline starts
(RecLens does it inside its timer), which can only favour the baseline. Same torch thread count (--threads).
"""
import argparse
import json
import os
import time

import numpy as np
import torch


def load(directory, name, dtype, shape=None):
    values = np.fromfile(os.path.join(directory, name), dtype=dtype)
    return values.reshape(shape) if shape is not None else values


def user_vectors(model, data, n_users, device):
    """[U, D] float32: every user's vector from the model's methods, users of one history length batched."""
    start, items, weights = data["history_start"], data["history_items"], data["history_weights"]
    codes = data["user_field_codes"]
    n_fields = codes.shape[1]
    lengths = np.diff(start)
    batched = hasattr(model, "user_vectors")
    width = model.history_inputs(torch.zeros(1, dtype=torch.int64, device=device)).shape[1]
    out = None
    for length in np.unique(lengths):
        members = np.nonzero(lengths == length)[0]
        rows = (start[members][:, None] + np.arange(length)[None, :]).reshape(-1)
        idx = torch.from_numpy(items[rows].astype(np.int64)).to(device)
        h = model.history_inputs(idx).reshape(len(members), int(length), width)
        w = torch.from_numpy(weights[rows]).to(device).reshape(len(members), int(length))
        c = torch.from_numpy(codes[members].astype(np.int64).reshape(-1)).to(device)
        f = model.user_field_inputs(c).reshape(len(members), n_fields, width)
        if batched:
            v = model.user_vectors(h, w, f)
        else:
            v = torch.stack([model.user_vector(h[b], w[b], f[b]) for b in range(len(members))])
        if out is None:
            out = torch.empty(n_users, v.shape[1], dtype=torch.float32, device=device)
        out[torch.from_numpy(members).to(device)] = v.float()
    return out.cpu().numpy()


def top_k_lists(items, users, history_start, history_items, k, batch, device):
    """Top-k catalog rows of every user, history items excluded."""
    n_users = users.shape[0]
    out = np.empty((n_users, k), dtype=np.int64)
    item_t = torch.from_numpy(items).to(device)
    for first in range(0, n_users, batch):
        last = min(first + batch, n_users)
        scores = torch.from_numpy(users[first:last]).to(device) @ item_t.T
        rows = np.repeat(np.arange(last - first), np.diff(history_start[first:last + 1]))
        cols = history_items[history_start[first]:history_start[last]]
        scores[torch.from_numpy(rows), torch.from_numpy(cols.astype(np.int64))] = float("-inf")
        out[first:last] = torch.topk(scores, k, dim=1).indices.cpu().numpy()
    return out


def popularity_tiers(counts):
    """0 head, 1 mid, 2 tail: head while the interactions before an item hold < 80%, mid while < 95%."""
    order = np.lexsort((np.arange(len(counts)), -counts))
    before = np.concatenate(([0], np.cumsum(counts[order])[:-1])).astype(np.float64)
    total = counts.sum()
    tiers_sorted = np.where(before < 0.80 * total, 0, np.where(before < 0.95 * total, 1, 2))
    tiers = np.empty(len(counts), dtype=np.int64)
    tiers[order] = tiers_sorted
    tiers[counts == 0] = 2
    return tiers


def accuracy(lists, test_start, test_items, k):
    n_users = lists.shape[0]
    test_len = np.diff(test_start)
    hits = np.zeros((n_users, k), dtype=bool)
    for u in np.nonzero(test_len)[0]:
        hits[u] = np.isin(lists[u], test_items[test_start[u]:test_start[u + 1]])
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    n_hits = hits.sum(1)
    has_test = test_len > 0
    relevant = np.maximum(test_len, 1)
    first = np.where(hits.any(1), hits.argmax(1) + 1, 0)
    precision_at = np.cumsum(hits, 1) / np.arange(1, k + 1)
    ideal = np.cumsum(discounts)[np.minimum(relevant, k) - 1]
    per_user = {
        "hit": hits.any(1).astype(np.float64),
        "precision": n_hits / k,
        "recall": n_hits / relevant,
        "mrr": np.where(first > 0, 1.0 / np.maximum(first, 1), 0.0),
        "map": (precision_at * hits).sum(1) / np.minimum(relevant, k),
        "ndcg": (hits * discounts).sum(1) / ideal,
    }
    for key in per_user:
        per_user[key] = np.where(has_test, per_user[key], 0.0)
    return per_user, has_test


def group_stats(values, codes, n_groups, bootstrap, permutations, rng):
    """Per-group means with 95% bootstrap intervals, gaps and the permutation p-value of the max-min gap."""
    present = [g for g in range(n_groups) if np.any(codes == g)]
    means = {g: values[codes == g].mean(0) for g in present}
    intervals = {}
    for g in present:
        v = values[codes == g]
        samples = []
        for first in range(0, bootstrap, 100):
            idx = rng.integers(0, len(v), size=(min(100, bootstrap - first), len(v)))
            samples.append(v[idx].mean(1))
        samples = np.concatenate(samples) if samples else np.empty((0, values.shape[1]))
        intervals[g] = (np.percentile(samples, 2.5, axis=0), np.percentile(samples, 97.5, axis=0)) \
            if len(samples) else (means[g], means[g])
    m = np.array([means[g] for g in present])
    gap = m.max(0) - m.min(0)
    pairs = [(i, j) for i in range(len(present)) for j in range(i + 1, len(present))]
    mad = np.mean([np.abs(m[i] - m[j]) for i, j in pairs], axis=0) if pairs else np.zeros(values.shape[1])
    mask = codes >= 0
    v, c = values[mask], codes[mask]
    counts = np.bincount(c, minlength=n_groups)
    used = counts > 0
    exceed = np.zeros(values.shape[1])
    for _ in range(permutations):
        perm = rng.permutation(c)
        pm = np.stack([np.bincount(perm, weights=v[:, j], minlength=n_groups)[used] / counts[used]
                       for j in range(values.shape[1])], 1)
        exceed += (pm.max(0) - pm.min(0)) >= gap - 1e-12
    p = (exceed + 1) / (permutations + 1)
    return present, means, intervals, gap, mad, p


def audit(meta, model, data, device, rng):
    k = meta["k"]
    n_items, n_users = meta["items"], meta["users"]
    users = user_vectors(model, data, n_users, device)
    lists = top_k_lists(data["items"], users, data["history_start"], data["history_items"], k,
                        meta["batch"], device)
    per_user, has_test = accuracy(lists, data["test_start"], data["test_items"], k)
    counts = np.bincount(data["history_rows"], minlength=n_items).astype(np.float64)
    tiers = popularity_tiers(counts)
    long_tail = tiers != 0
    seen = np.nonzero(counts > 0)[0]
    n_tail = max(int(len(seen) * meta["tail_ratio"]), 1)
    tail = np.zeros(n_items, dtype=bool)
    tail[seen[np.lexsort((seen, counts[seen]))[:n_tail]]] = True
    novelty_item = np.where(counts > 0, -np.log2(np.maximum(counts, 1) / counts.sum()), 0.0)

    norm = data["items"] / np.maximum(np.linalg.norm(data["items"], axis=1, keepdims=True), 1e-30)
    vec = norm[lists]
    cos = np.einsum("ukd,ujd->ukj", vec, vec)
    ild = 1.0 - (cos.sum((1, 2)) - np.einsum("ukk->u", cos)) / (k * (k - 1))

    exposure_count = np.bincount(lists.ravel(), minlength=n_items).astype(np.float64)
    exposure_weight = np.bincount(lists.ravel(), weights=np.tile(1.0 / np.log2(np.arange(2, k + 2)), n_users),
                                  minlength=n_items)
    e = np.sort(exposure_count)
    n = len(e)
    p = exposure_count[exposure_count > 0] / exposure_count.sum()
    t = has_test
    result = {
        "evaluated_users": int(t.sum()),
        "accuracy": {key: float(per_user[key][t].mean()) for key in ["hit", "precision", "recall", "mrr", "map",
                                                                     "ndcg"]},
        "item_coverage": float((exposure_count > 0).mean()),
        "gini": float(((2 * np.arange(1, n + 1) - n - 1) * e).sum() / (n * e.sum())),
        "average_popularity": float(counts[lists].mean(1)[t].mean()),
        "aplt": float(long_tail[lists].mean(1)[t].mean()),
        "tail_percentage": float(tail[lists].mean(1)[t].mean()),
        "novelty": float(novelty_item[lists].sum() / lists.size),
        "intra_list_diversity": float(ild[t].mean()) if k > 1 else 0.0,
        "exposure_entropy_bits": float(-(p * np.log2(p)).sum()),
    }

    result["fairness"] = []
    metric_names = ["ndcg", "recall", "hit"]
    values = np.stack([per_user[m] for m in metric_names], 1)[t]
    for attribute in meta["attributes"]:
        codes = data["groups"][attribute["name"]][t]
        present, means, intervals, gap, mad, pv = group_stats(values, codes, len(attribute["values"]),
                                                              meta["bootstrap"], meta["permutations"], rng)
        metrics = []
        for j, name in enumerate(metric_names):
            metrics.append({
                "metric": name,
                "max_min_gap": float(gap[j]), "mean_abs_pairwise_gap": float(mad[j]), "p_value": float(pv[j]),
                "groups": [{"group": attribute["values"][g], "users": int((codes == g).sum()),
                            "mean": float(means[g][j]), "ci_low": float(intervals[g][0][j]),
                            "ci_high": float(intervals[g][1][j])} for g in present]})
        result["fairness"].append({"attribute": attribute["name"], "metrics": metrics})

    groupings = [("tier", tiers, ["head", "mid", "tail"])]
    groupings += [(f["name"], data["item_fields"][f["name"]], f["values"]) for f in meta["item_fields"]]
    result["item_groups"] = []
    for name, codes, labels in groupings:
        groups = []
        for g, label in enumerate(labels):
            members = codes == g
            items = int(members.sum())
            groups.append({"group": label, "items": items,
                           "exposure_share": float(exposure_weight[members].sum() / exposure_weight.sum()),
                           "catalog_share": items / n_items,
                           "interaction_share": float(counts[members].sum() / counts.sum()),
                           "mean_exposure": float(exposure_weight[members].sum() / items) if items else 0.0})
        result["item_groups"].append({"name": name, "groups": groups})
    result["flips"] = []
    return result, lists


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dir", required=True)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--sample", type=int, default=20)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    with open(os.path.join(a.dir, "meta.json")) as f:
        meta = json.load(f)
    n, u, d = meta["items"], meta["users"], meta["dim"]
    data = {
        "items": load(a.dir, "items.f32", np.float32, (n, d)),
        "history_start": load(a.dir, "history_start.i64", np.int64),
        "history_items": load(a.dir, "history_items.i32", np.int32),
        "history_weights": load(a.dir, "history_weights.f32", np.float32),
        "user_field_codes": load(a.dir, "user_field_codes.i32", np.int32, (u, meta["model_fields"])),
        "test_start": load(a.dir, "test_start.i64", np.int64),
        "test_items": load(a.dir, "test_items.i32", np.int32),
        "history_rows": load(a.dir, "history_rows.i32", np.int32),
        "groups": {g["name"]: load(a.dir, g["file"], np.int32) for g in meta["attributes"]},
        "item_fields": {f["name"]: load(a.dir, f["file"], np.int32) for f in meta["item_fields"]},
    }
    device = torch.device(a.device)
    model = torch.jit.load(meta["model"], map_location=device)
    times, cpu = [], []
    metrics, lists = None, None
    with torch.inference_mode():
        for r in range(a.repeats):
            rng = np.random.default_rng(meta["seed"])
            start, cpu_start = time.perf_counter(), time.process_time()
            result, top = audit(meta, model, data, device, rng)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - cpu_start)
            if metrics is None:
                metrics, lists = result, top
    print(json.dumps({
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "threads": torch.get_num_threads(),
        "device": str(device),
        "batched": hasattr(model, "user_vectors"),
        "times_s": times,
        "cpu_times_s": cpu,
        "metrics": metrics,
        "sample_topk": lists[:a.sample].tolist(),
    }))


if __name__ == "__main__":
    main()
