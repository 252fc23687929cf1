#!/usr/bin/env python3
"""Writes the small model files used by tests/core/tst_modelfile.cpp and tst_scoringengine.cpp.

One conforming model (valid.pt) over the six-item catalog i0..i5 with hand-set embeddings, and one file
per way of breaking the contract, each with exactly one flaw. Re-run after changing the contract:

    python3 tests/data/models/make_models.py tests/data/models
"""
import hashlib
import json
import os
import sys

import torch

IDS = ["i0", "i1", "i2", "i3", "i4", "i5"]
# Row 5 equals row 0, so that ties are part of every ranking test.
EMBEDDINGS = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, 0.0], [2.0, 0.0], [1.0, 0.0]]
REGION = [[0.0, 0.0], [0.0, 3.0], [0.0, 0.0]]  # North, South, missing


def metadata(**override):
    m = {
        "contract_version": 1,
        "kind": "test",
        "dim": 2,
        "num_items": len(IDS),
        "catalog_fingerprint": hashlib.sha256("".join(i + "\n" for i in IDS).encode()).hexdigest(),
        "user_fields": [{"name": "region", "vocabulary": ["North", "South"]}],
        "item_parts": ["item"],
        "train_time": {"first": 0, "last": 10},
    }
    m.update(override)
    return json.dumps({k: v for k, v in m.items() if v is not None})


class Partial(torch.nn.Module):
    """Every contract method except user_vector."""

    def __init__(self, meta: str, embeddings, version: int = 1):
        super().__init__()
        self.emb = torch.nn.Parameter(torch.tensor(embeddings))
        self.region = torch.nn.Parameter(torch.tensor(REGION))
        self.meta = meta
        self.version = version

    @torch.jit.export
    def contract_version(self) -> int:
        return self.version

    @torch.jit.export
    def metadata(self) -> str:
        return self.meta

    @torch.jit.export
    def item_embeddings(self) -> torch.Tensor:
        return self.emb

    @torch.jit.export
    def history_inputs(self, items: torch.Tensor) -> torch.Tensor:
        return self.emb.index_select(0, items)

    @torch.jit.export
    def user_field_inputs(self, codes: torch.Tensor) -> torch.Tensor:
        return self.region.index_select(0, torch.where(codes < 0, torch.full_like(codes, 2), codes))

    @torch.jit.export
    def item_field_inputs(self, items: torch.Tensor) -> torch.Tensor:
        return self.emb.index_select(0, items).unsqueeze(1)

    @torch.jit.export
    def item_vectors(self, parts: torch.Tensor) -> torch.Tensor:
        return parts.sum(1)


class Valid(Partial):
    @torch.jit.export
    def user_vector(self, history: torch.Tensor, weights: torch.Tensor, fields: torch.Tensor) -> torch.Tensor:
        # Weighted sum (not mean) of the history, plus the region vector: easy to compute by hand.
        return (weights.unsqueeze(1) * history).sum(0) + fields.sum(0)


class ValidV2(Valid):
    """valid.pt under contract 2: the same model with the batched user_vectors."""

    @torch.jit.export
    def user_vectors(self, history: torch.Tensor, weights: torch.Tensor, fields: torch.Tensor) -> torch.Tensor:
        return (weights.unsqueeze(2) * history).sum(1) + fields.sum(1)


class InconsistentUserVectors(ValidV2):
    @torch.jit.export
    def user_vectors(self, history: torch.Tensor, weights: torch.Tensor, fields: torch.Tensor) -> torch.Tensor:
        return (weights.unsqueeze(2) * history).sum(1) + fields.sum(1) + 0.5


class MissingUserVectors(Valid):
    """Says contract 2 but has no user_vectors."""


class DeclaresWrongStructure(ValidV2):
    """Declares the sqrt-normalised pooling, but its user vector is the plain weighted sum: the two agree
    only while the total weight stays at or below 1, so RecLens must notice and ignore the declaration."""

    @torch.jit.export
    def explain_structure(self) -> str:
        return '{"user": {"form": "pooled", "norm": "sqrt", "clamp_min": 1.0}, "items": "sum_parts"}'


class DeclaresPooledSum(ValidV2):
    """Declares its true closed form (the plain weighted sum: norm "none")."""

    @torch.jit.export
    def explain_structure(self) -> str:
        return '{"user": {"form": "pooled", "norm": "none"}, "items": "sum_parts"}'


class WrongUserVectorShape(Valid):
    @torch.jit.export
    def user_vector(self, history: torch.Tensor, weights: torch.Tensor, fields: torch.Tensor) -> torch.Tensor:
        return torch.zeros(3)


class InconsistentItemVectors(Valid):
    @torch.jit.export
    def item_vectors(self, parts: torch.Tensor) -> torch.Tensor:
        return parts.sum(1) + 1.0


def save(module, folder, name):
    torch.jit.script(module.eval()).save(os.path.join(folder, name))


def main(folder):
    torch.manual_seed(0)
    save(Valid(metadata(), EMBEDDINGS), folder, "valid.pt")
    save(Partial(metadata(), EMBEDDINGS), folder, "missing_user_vector.pt")
    save(Valid(metadata(contract_version=3), EMBEDDINGS, version=3), folder, "contract_version_3.pt")
    v2 = metadata(contract_version=2)
    save(ValidV2(v2, EMBEDDINGS, version=2), folder, "valid_v2.pt")
    save(MissingUserVectors(v2, EMBEDDINGS, version=2), folder, "missing_user_vectors.pt")
    save(InconsistentUserVectors(v2, EMBEDDINGS, version=2), folder, "user_vectors_inconsistent.pt")
    save(DeclaresWrongStructure(v2, EMBEDDINGS, version=2), folder, "declares_wrong_structure.pt")
    save(DeclaresPooledSum(v2, EMBEDDINGS, version=2), folder, "declares_pooled_sum.pt")
    save(Valid("{\"kind\": ", EMBEDDINGS), folder, "metadata_not_json.pt")
    save(Valid(metadata(dim=None), EMBEDDINGS), folder, "metadata_without_dim.pt")
    save(Valid(metadata(num_items=7), EMBEDDINGS), folder, "embeddings_wrong_rows.pt")
    save(WrongUserVectorShape(metadata(), EMBEDDINGS), folder, "user_vector_wrong_shape.pt")
    save(InconsistentItemVectors(metadata(), EMBEDDINGS), folder, "item_vectors_inconsistent.pt")
    nan = [row[:] for row in EMBEDDINGS]
    nan[3][1] = float("nan")
    save(Valid(metadata(), nan), folder, "embeddings_nan.pt")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
