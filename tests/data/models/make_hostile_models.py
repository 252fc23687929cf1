#!/usr/bin/env python3
"""Writes the hostile model files used by tests/cli/tst_clivalidatemodel.cpp and tests/ui/tst_modelvalidator.cpp.

Two files are valid TorchScript that follows the contract's method list but misbehaves when run: one
never returns, one asks for 64 GiB. The third is a plain torch.save archive, a zip that is not TorchScript. Re-run with stock PyTorch (>= 1.13):

    python3 tests/data/models/make_hostile_models.py tests/data/models
"""
import os
import sys

import torch

from make_models import EMBEDDINGS, Valid, metadata


class LoopsForever(Valid):
    @torch.jit.export
    def contract_version(self) -> int:
        n = 0
        while n >= 0:
            n = n + 1
        return 1


class AllocatesHuge(Valid):
    @torch.jit.export
    def item_embeddings(self) -> torch.Tensor:
        return torch.ones(1 << 34, dtype=torch.float32).view(-1, 2)


def main(folder):
    for module, name in [(LoopsForever, "loops_forever.pt"), (AllocatesHuge, "allocates_huge.pt")]:
        torch.jit.script(module(metadata(), EMBEDDINGS).eval()).save(os.path.join(folder, name))
    torch.save({"item_embeddings": torch.tensor(EMBEDDINGS)}, os.path.join(folder, "not_torchscript.pt"))


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
