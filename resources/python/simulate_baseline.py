#!/usr/bin/env python3
"""The plain PyTorch + numpy baseline of `reclens-cli bench simulate`: the same feedback-loop simulation.

Reads what reclens-cli wrote into --dir (meta.json and raw little-endian arrays: the truth's appeal of every
(user, item) [U, N], every user's distinct items in order of their last interaction with their summed
weights, the long-tail flags, novelty, category and brand of the items, the planted brand, the users' true
category mix and their attribute codes) and the BPR model file (its `q` and `p` buffers), then runs --repeats
times the loop of docs/simulation.md for one policy:

  each round, for all users at once: ranking vectors (the user vectors; for Thompson sampling beta * u plus a
  draw from every user's Gaussian posterior, batched Cholesky), scores = R @ P^T, the history and earlier
  takes masked, torch.topk; the truth's best slate under the same mask; position-based examination 1/r^eta
  and Bernoulli responses; the round's metrics (takes, expected takes, regret, NDCG, coverage, Gini, APLT,
  long-tail exposure, novelty, intra-list diversity, homogenisation, planted-brand share, interest drift and
  the per-group takes and NDCG); user vectors folded in from running sums; the bandit's posteriors updated
  with one batched rank-K update; and every --retrain-every rounds a warm-started BPR re-training of
  --retrain-epochs epochs on the data plus the takes (the trainer's sampler, loss and Adam settings,
  vectorised: each batch pools only its own users' histories).

Prints one JSON object: the raw seconds of every run, the first run's per-round metrics and its first
round's slates.

Why the comparison is fair: both sides do the whole loop inside the timer with the same number of torch
threads. The baseline keeps the appeal matrix and a user x item mask in memory (RecLens computes appeal per
batch and keeps memory proportional to users x K), and its re-training skips the validation, the test
figure, the export and the reload check that RecLens's re-training does; both can only favour the baseline.
Random draws come from numpy's generator, not RecLens's counter-based one, so only the first round (before
any random draw matters) is compared value for value; later rounds agree in distribution.
"""
import argparse
import json
import os
import time

import numpy as np
import torch

METRICS = ["takes", "cumulative_takes", "expected_takes", "regret", "cumulative_regret", "coverage",
           "cumulative_coverage", "gini", "aplt", "tail_exposure", "novelty", "diversity", "homogenisation",
           "planted_brand_share", "interest_drift", "ndcg"]


def load(directory, name, dtype, shape=None):
    values = np.fromfile(os.path.join(directory, name), dtype=dtype)
    return values.reshape(shape) if shape is not None else values


class Inputs:
    def __init__(self, directory):
        with open(os.path.join(directory, "meta.json"), encoding="utf-8") as f:
            self.meta = meta = json.load(f)
        self.users, self.items = meta["users"], meta["items"]
        self.appeal = torch.from_numpy(load(directory, "appeal.f64", np.float64, (self.users, self.items)))
        self.start = load(directory, "history_start.i64", np.int64)
        self.hist_items = load(directory, "history_items.i32", np.int32).astype(np.int64)
        self.hist_weights = load(directory, "history_weights.f32", np.float32)
        self.tail = torch.from_numpy(load(directory, "tail.u8", np.uint8).astype(np.float64))
        self.novelty = torch.from_numpy(load(directory, "novelty.f64", np.float64))
        self.category = torch.from_numpy(load(directory, "category.i32", np.int32).astype(np.int64))
        self.brand = torch.from_numpy(load(directory, "brand.i32", np.int32).astype(np.int64))
        c = meta["categories"]
        self.taste = torch.from_numpy(load(directory, "taste.f64", np.float64, (self.users, c))) if c else None
        self.groups = [torch.from_numpy(load(directory, f"group{a}.i32", np.int32).astype(np.int64))
                       for a in range(len(meta["group_sizes"]))]
        model = torch.jit.load(meta["model"], map_location="cpu")
        self.q0 = model.q.detach().clone().float()
        self.p0 = model.p.detach().clone().float()


def gini(counts):
    s, _ = torch.sort(counts.double())
    n = s.numel()
    total = s.sum()
    if total <= 0:
        return 0.0
    i = torch.arange(1, n + 1, dtype=torch.float64)
    return float(((2.0 * i - n - 1.0) * s).sum() / (n * total))


class Bandit:
    """Per-user linear bandits over the item vectors (the model of docs/simulation.md), all users batched."""

    def __init__(self, users, dim, mean_norm, prior_scale, noise):
        s0 = prior_scale / max(mean_norm, 1e-12)
        self.prior = 1.0 / (s0 * s0)
        self.inv_noise = 1.0 / (noise * noise)
        self.a = torch.eye(dim, dtype=torch.float64).repeat(users, 1, 1) * self.prior
        self.b = torch.zeros(users, dim, dtype=torch.float64)
        self.pending = []
        self.alpha, self.beta, self.calibrated = 0.0, 1.0, False

    def observe(self, vectors, scores, exam, taken):
        """vectors [U, K, D], scores [U, K], exam [K], taken [U, K] bool."""
        if not self.calibrated:
            self.pending.append((vectors, scores, taken))
            return
        self._add(vectors, scores, exam, taken)

    def _add(self, vectors, scores, exam, taken):
        e = exam[None, :].expand_as(scores)
        x = vectors.double() * e[..., None]
        resid = taken.double() - e * (self.alpha + self.beta * scores)
        self.a += torch.einsum("ukd,uke->ude", x, x) * self.inv_noise
        self.b += torch.einsum("ukd,uk->ud", x, resid) * self.inv_noise

    def calibrate(self, exam):
        s = torch.cat([p[1].reshape(-1) for p in self.pending])
        y = torch.cat([p[2].double().reshape(-1) for p in self.pending])
        e = torch.cat([exam[None, :].expand_as(p[1]).reshape(-1) for p in self.pending])
        see, sees, sess = (e * e).sum(), (e * e * s).sum(), (e * e * s * s).sum()
        sey, sesy = (e * y).sum(), (e * s * y).sum()
        det = see * sess - sees * sees
        if see > 0 and abs(det) > 1e-12 * max(1.0, float(see * sess)):
            self.alpha, self.beta = float((sess * sey - sees * sesy) / det), float((see * sesy - sees * sey) / det)
        elif see > 0:
            self.alpha, self.beta = float(sey / see), 0.0
        self.beta = max(self.beta, 0.0)
        self.calibrated = True
        for vectors, scores, taken in self.pending:
            self._add(vectors, scores, exam, taken)
        self.pending = []

    def thompson(self, user_vectors, gen):
        chol = torch.linalg.cholesky(self.a)
        mean = torch.cholesky_solve(self.b[..., None], chol)[..., 0]
        z = torch.from_numpy(gen.standard_normal(self.b.shape))[..., None]
        draw = torch.linalg.solve_triangular(chol.transpose(1, 2), z, upper=True)[..., 0]
        return (self.beta * user_vectors.double() + mean + draw).float()


class Simulation:
    def __init__(self, data, policy, seed, retrain_every):
        self.d, self.policy, self.retrain_every = data, policy, retrain_every
        m = data.meta
        self.k, self.rounds, self.eta = m["k"], m["rounds"], m["eta"]
        self.gen = np.random.default_rng(seed)
        self.torch_gen = torch.Generator().manual_seed(seed)
        self.q, self.p = data.q0.clone(), data.p0.clone()
        u, n = data.users, data.items
        # Histories as lists in order of last interaction (takes are appended, being the newest).
        self.hist = [list(zip(data.hist_items[data.start[x]:data.start[x + 1]].tolist(),
                              data.hist_weights[data.start[x]:data.start[x + 1]].tolist())) for x in range(u)]
        self.seen = torch.zeros(u, n, dtype=torch.bool)
        rows = torch.from_numpy(np.repeat(np.arange(u), np.diff(data.start)))
        self.seen[rows, torch.from_numpy(data.hist_items)] = True
        self.rank_exam = 1.0 / torch.arange(1, self.k + 1, dtype=torch.float64) ** self.eta
        self.rank_exposure = 1.0 / torch.log2(torch.arange(2, self.k + 2, dtype=torch.float64))
        self.shown_ever = torch.zeros(n, dtype=torch.bool)
        self.fold_all()
        self.bandit = None
        if policy == "thompson":
            self.new_bandit()

    def new_bandit(self):
        m = self.d.meta
        self.bandit = Bandit(self.d.users, self.p.shape[1], float(self.p.norm(dim=1).mean()),
                             m["prior_scale"], m["noise"])

    def fold_all(self):
        """Running sums S_u = sum w q_i and T_u = sum w of every history, and the user vectors."""
        u = self.d.users
        rows = torch.tensor([x for x in range(u) for _ in self.hist[x]], dtype=torch.int64)
        items = torch.tensor([i for h in self.hist for i, _ in h], dtype=torch.int64)
        weights = torch.tensor([w for h in self.hist for _, w in h], dtype=torch.float32)
        self.sums = torch.zeros(u, self.q.shape[1]).index_add_(0, rows, weights[:, None] * self.q[items])
        self.totals = torch.zeros(u).index_add_(0, rows, weights)
        self.vectors = self.sums / torch.sqrt(torch.clamp_min(self.totals, 1.0))[:, None]

    def retrain(self):
        m = self.d.meta
        u, n = self.d.users, self.d.items
        owners, pos_items, pos_w = [], [], []
        for x in range(u):
            h = self.hist[x]
            train = h[:-2] if len(h) >= 3 else h
            owners += [x] * len(train)
            pos_items += [i for i, _ in train]
            pos_w += [w for _, w in train]
        owners = torch.tensor(owners, dtype=torch.int64)
        pos_items = torch.tensor(pos_items, dtype=torch.int64)
        pos_w = torch.tensor(pos_w, dtype=torch.float32)
        member = torch.zeros(u, n, dtype=torch.bool)
        member[owners, pos_items] = True
        start = torch.zeros(u + 1, dtype=torch.int64)
        start[1:] = torch.cumsum(torch.bincount(owners, minlength=u), 0)
        q = self.q.clone().requires_grad_()
        p = self.p.clone().requires_grad_()
        opt = torch.optim.Adam([q, p], lr=m["lr"])
        batch, l2 = m["batch"], m["l2"]
        bag = torch.nn.functional.embedding_bag
        for _ in range(m["retrain_epochs"]):
            # Users in a random order, each user's pairs shuffled and kept together.
            order = torch.from_numpy(self.gen.permutation(u))
            counts = start[order + 1] - start[order]
            first = start[order]
            pairs = torch.repeat_interleave(first, counts) + (
                torch.arange(int(counts.sum())) - torch.repeat_interleave(torch.cumsum(counts, 0) - counts, counts))
            keys = torch.from_numpy(self.gen.random(pairs.numel()))
            keys += torch.repeat_interleave(torch.arange(u, dtype=torch.float64), counts)
            pairs = pairs[torch.argsort(keys)]
            # Negatives: uniform among the items the user has no train pair with (rejection).
            neg = torch.from_numpy(self.gen.integers(0, n, pairs.numel()))
            bad = member[owners[pairs], neg]
            while bool(bad.any()):
                neg[bad] = torch.from_numpy(self.gen.integers(0, n, int(bad.sum())))
                bad = member[owners[pairs], neg]
            for b0 in range(0, pairs.numel(), batch):
                sel = pairs[b0:b0 + batch]
                users = owners[sel]
                distinct, local = torch.unique(users, return_inverse=True)
                lengths = start[distinct + 1] - start[distinct]
                offsets = torch.cumsum(lengths, 0) - lengths
                flat = torch.repeat_interleave(start[distinct], lengths) + (
                    torch.arange(int(lengths.sum())) - torch.repeat_interleave(offsets, lengths))
                sums = bag(pos_items[flat], q, offsets, mode="sum", per_sample_weights=pos_w[flat])
                totals = torch.zeros(distinct.numel()).index_add_(0, torch.repeat_interleave(
                    torch.arange(distinct.numel()), lengths), pos_w[flat])
                w = pos_w[sel][:, None]
                pi = pos_items[sel]
                uvec = (sums[local] - w * q[pi]) / torch.sqrt(torch.clamp_min(totals[local][:, None] - w, 1.0))
                pv, nv = p[pi], p[neg[b0:b0 + batch]]
                x = (uvec * (pv - nv)).sum(1)
                loss = -torch.nn.functional.logsigmoid(x).mean() + l2 * (
                    uvec.pow(2).sum() + pv.pow(2).sum() + nv.pow(2).sum()) / sel.numel()
                opt.zero_grad()
                loss.backward()
                opt.step()
        self.q, self.p = q.detach(), p.detach()
        self.fold_all()
        if self.policy == "thompson":
            self.new_bandit()

    def round(self, t, record):
        d, k = self.d, self.k
        u, n = d.users, d.items
        if self.bandit is not None and self.bandit.calibrated:
            ranking = self.bandit.thompson(self.vectors, self.gen)
        else:
            ranking = self.vectors
        scores = ranking @ self.p.T
        scores.masked_fill_(self.seen, float("-inf"))
        slate = torch.topk(scores, k, dim=1).indices
        appeal = torch.gather(d.appeal, 1, slate)
        best = torch.topk(d.appeal.masked_fill(self.seen, float("-inf")), k, dim=1).values
        expected = (appeal * self.rank_exam).sum(1)
        best_expected = (best * self.rank_exam).sum(1)
        dcg, idcg = (appeal * self.rank_exposure).sum(1), (best * self.rank_exposure).sum(1)
        ndcg = torch.where(idcg > 0, dcg / idcg, torch.zeros_like(idcg))
        examined = torch.from_numpy(self.gen.random((u, k))) < self.rank_exam
        taken = examined & (torch.from_numpy(self.gen.random((u, k))) < appeal)
        item_vectors = self.p[slate]
        if self.bandit is not None:
            model_scores = (item_vectors.double() * self.vectors.double()[:, None, :]).sum(2)
            self.bandit.observe(item_vectors, model_scores, self.rank_exam, taken)
        takes = taken.sum(1).double()
        # The round's metrics.
        counts = torch.bincount(slate.reshape(-1), minlength=n)
        self.shown_ever[slate.reshape(-1)] = True
        values = {"takes": float(takes.mean()), "expected_takes": float(expected.mean()),
                  "regret": float((best_expected - expected).mean()), "ndcg": float(ndcg.mean()),
                  "coverage": float((counts > 0).double().mean()),
                  "cumulative_coverage": float(self.shown_ever.double().mean()), "gini": gini(counts)}
        tail = d.tail[slate]
        values["aplt"] = float(tail.mean(1).mean())
        values["tail_exposure"] = float((tail * self.rank_exposure).sum() / (self.rank_exposure.sum() * u))
        values["novelty"] = float(d.novelty[slate].mean())
        unit = torch.nn.functional.normalize(item_vectors.double(), dim=2)
        cos = torch.bmm(unit, unit.transpose(1, 2))
        off = (cos.sum((1, 2)) - cos.diagonal(dim1=1, dim2=2).sum(1)) / (k * (k - 1))
        values["diversity"] = float((1.0 - off).mean())
        ordered = torch.sort(slate, dim=1).values
        pair = torch.from_numpy(self.gen.permutation(u))
        other = ordered[pair.roll(-1)]
        common = (ordered[pair][:, :, None] == other[:, None, :]).sum((1, 2)).double()
        values["homogenisation"] = float((common / (2 * k - common)).mean())
        planted = d.meta["planted_brand"]
        values["planted_brand_share"] = float(
            ((d.brand[slate] == planted).double() * self.rank_exposure).sum() / (self.rank_exposure.sum() * u)
        ) if planted >= 0 else float("nan")
        if d.taste is not None:
            c = d.taste.shape[1]
            cats = d.category[slate]
            shown = torch.zeros(u, c, dtype=torch.float64).scatter_add_(
                1, cats.clamp_min(0), (cats >= 0).double())
            values["interest_drift"] = float((0.5 * (shown / k - d.taste).abs().sum(1)).mean())
        else:
            values["interest_drift"] = float("nan")
        groups = []
        for codes, size in zip(d.groups, d.meta["group_sizes"]):
            ok = codes >= 0
            groups.append({
                "users": torch.bincount(codes[ok], minlength=size).tolist(),
                "takes": torch.bincount(codes[ok], weights=takes[ok], minlength=size).tolist(),
                "ndcg": torch.bincount(codes[ok], weights=ndcg[ok], minlength=size).tolist()})
        # Updates: mask the takes, fold them into the users' vectors and histories.
        who, slot = torch.nonzero(taken, as_tuple=True)
        items = slate[who, slot]
        self.seen[who, items] = True
        self.sums.index_add_(0, who, self.q[items])
        self.totals.index_add_(0, who, torch.ones(who.numel()))
        changed = torch.unique(who)
        self.vectors[changed] = self.sums[changed] / torch.sqrt(torch.clamp_min(self.totals[changed], 1.0))[:, None]
        for x, i in zip(who.tolist(), items.tolist()):
            self.hist[x].append((i, 1.0))
        if self.bandit is not None and not self.bandit.calibrated:
            self.bandit.calibrate(self.rank_exam)
        if record is not None:
            record.append({"values": values, "groups": groups, "slates": slate.tolist() if t == 1 else None})

    def run(self, record):
        every = self.retrain_every
        cum_takes = cum_regret = 0.0
        for t in range(1, self.rounds + 1):
            self.round(t, record)
            if record is not None:
                v = record[-1]["values"]
                cum_takes += v["takes"]
                cum_regret += v["regret"]
                v["cumulative_takes"], v["cumulative_regret"] = cum_takes, cum_regret
            if every > 0 and t % every == 0 and t < self.rounds:
                self.retrain()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", required=True)
    ap.add_argument("--policy", choices=["greedy", "thompson"], required=True)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--retrain-every", type=int, default=0, help="rounds between re-trainings (0: a frozen model)")
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    data = Inputs(a.dir)
    times, first = [], []
    for r in range(a.repeats):
        record = []
        started = time.perf_counter()
        Simulation(data, a.policy, a.seed + r, a.retrain_every).run(record)
        times.append(time.perf_counter() - started)
        if r == 0:
            first = record
    print(json.dumps({
        "seconds": times, "threads": torch.get_num_threads(), "torch_version": torch.__version__,
        "rounds": [{"values": {m: x["values"][m] for m in METRICS}, "groups": x["groups"]} for x in first],
        "first_slates": first[0]["slates"] if first else []}))


if __name__ == "__main__":
    main()
