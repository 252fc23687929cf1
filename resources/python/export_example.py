#!/usr/bin/env python3
"""Export a small PyTorch model to the RecLens model contract, version 2.

The model is "averaged-history matrix factorisation": a user is the weighted mean of the embeddings of
the items in their history, plus one embedding per categorical user attribute (e.g. region). Any model
whose score is a dot product between a user vector and an item vector can be exported the same way;
see docs/model-contract.md for the full interface.

    python3 export_example.py --items items.txt --out model.pt --dim 16 --user-field region:North,South

`items.txt` holds the catalog's item ids, one per line, in the project's catalog order (RecLens checks
the fingerprint of that list, so the model is never applied to a catalog whose rows mean other items).
Write it with `reclens-cli catalog export --project P.reclens --out items.txt`, and register the model
with `reclens-cli models register --project P.reclens model.pt`.
Works with stock PyTorch 1.13 or later; training is left out: the embeddings are random.

Version 2 of the contract adds `user_vectors`, the batched form of `user_vector` (RecLens explains all
the steps of Integrated Gradients, or all occluded variants, in one call), and lets a model declare the
closed form of its user vector with `explain_structure`; RecLens checks the declaration numerically when
it loads the file and ignores it when it does not hold.
"""
import argparse
import hashlib
import json

import torch


class AveragedHistoryMF(torch.nn.Module):
    def __init__(self, num_items: int, dim: int, field_sizes: list, metadata_json: str, version: int = 2):
        super().__init__()
        self.items = torch.nn.Parameter(torch.randn(num_items, dim) * 0.1)
        # One table for all user fields; each field gets one extra row used for a missing value (-1).
        offsets = [0]
        for size in field_sizes:
            offsets.append(offsets[-1] + size + 1)
        self.fields = torch.nn.Parameter(torch.randn(offsets[-1], dim) * 0.1)
        self.register_buffer("field_offset", torch.tensor(offsets[:-1], dtype=torch.int64))
        self.register_buffer("field_missing", torch.tensor([s for s in field_sizes], dtype=torch.int64))
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
        return self.items  # [N, D]

    @torch.jit.export
    def history_inputs(self, items: torch.Tensor) -> torch.Tensor:
        return self.items.index_select(0, items)  # [L, D]

    @torch.jit.export
    def user_field_inputs(self, codes: torch.Tensor) -> torch.Tensor:
        codes = torch.where(codes < 0, self.field_missing, codes)
        return self.fields.index_select(0, self.field_offset + codes)  # [F, D]

    @torch.jit.export
    def user_vector(self, history: torch.Tensor, weights: torch.Tensor, fields: torch.Tensor) -> torch.Tensor:
        total = weights.sum().clamp(min=1e-6)
        pooled = (weights.unsqueeze(1) * history).sum(0) / total
        return pooled + fields.sum(0)  # [D]

    @torch.jit.export
    def user_vectors(self, history: torch.Tensor, weights: torch.Tensor, fields: torch.Tensor) -> torch.Tensor:
        # The batched user_vector: history [B, L, D], weights [B, L], fields [B, F, D] -> [B, D].
        total = weights.sum(1, keepdim=True).clamp(min=1e-6)
        pooled = (weights.unsqueeze(2) * history).sum(1) / total
        return pooled + fields.sum(1)

    @torch.jit.export
    def explain_structure(self) -> str:
        # u = (sum_l w_l h_l) / max(sum_l w_l, 1e-6) + sum_f fields_f; an item vector is the sum of its parts.
        return '{"user": {"form": "pooled", "norm": "mean", "clamp_min": 1e-6}, "items": "sum_parts"}'

    @torch.jit.export
    def item_field_inputs(self, items: torch.Tensor) -> torch.Tensor:
        return self.items.index_select(0, items).unsqueeze(1)  # [K, 1, D]: one part, the item itself

    @torch.jit.export
    def item_vectors(self, parts: torch.Tensor) -> torch.Tensor:
        return parts.sum(1)  # [K, D]


def catalog_fingerprint(ids):
    digest = hashlib.sha256()
    for item_id in ids:
        digest.update(item_id.encode("utf-8") + b"\n")
    return digest.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", required=True, help="catalog item ids, one per line, in catalog order")
    parser.add_argument("--out", required=True, help="the TorchScript file to write")
    parser.add_argument("--dim", type=int, default=16)
    parser.add_argument("--user-field", action="append", default=[], metavar="NAME:V1,V2,...",
                        help="a categorical user attribute and its values (repeatable)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    with open(args.items, encoding="utf-8") as f:
        ids = [line.rstrip("\r\n") for line in f if line.rstrip("\r\n")]
    fields = []
    for spec in args.user_field:
        name, _, values = spec.partition(":")
        fields.append({"name": name, "vocabulary": [v for v in values.split(",") if v]})

    metadata = {
        "contract_version": 2,
        "kind": "averaged-history-mf",
        "dim": args.dim,
        "num_items": len(ids),
        "catalog_fingerprint": catalog_fingerprint(ids),
        "user_fields": fields,
        "item_parts": ["item"],
        "trained_by": "export_example.py",
    }
    torch.manual_seed(args.seed)
    model = AveragedHistoryMF(len(ids), args.dim, [len(f["vocabulary"]) for f in fields], json.dumps(metadata))
    torch.jit.script(model.eval()).save(args.out)
    print(f"wrote {args.out}: {len(ids)} items, dim {args.dim}, {len(fields)} user fields")


if __name__ == "__main__":
    main()
