#!/usr/bin/env python3
"""Writes strategies/weights/evolved_attention.f32, the weights of the
EvolvedAttention player, from Axelrod-Python 4.14's `model_attention.pth`.

The .pth file is a zip holding a pickled state dict whose tensors point into
raw little-endian float32 storages. This script reads it with the standard
library alone (no torch): it checks every tensor's name, shape and layout
against the model the player computes (docs/model.md §10.4), and writes the
tensors one after another, in the state dict's order, as little-endian
float32 with no header.

Usage (the wheel is Axelrod-Python's, from PyPI):
    pip download --no-deps axelrod==4.14.0 -d /tmp/axw
    python3 tools/attention_weights.py /tmp/axw/axelrod-4.14.0-py3-none-any.whl
"""

import collections
import hashlib
import io
import pathlib
import pickle
import sys
import zipfile

HIDDEN, LAYERS, INTERMEDIATE, STATES, POSITIONS = 256, 24, 512, 6, 201
OUT = pathlib.Path(__file__).resolve().parent.parent / "strategies/weights/evolved_attention.f32"


def expected_layout():
    """(name, shape) of every tensor, in the order the player reads them."""
    out = [
        ("embeddings.game_state_embeddings.weight", (STATES, HIDDEN)),
        ("embeddings.position_embeddings.weight", (POSITIONS, HIDDEN)),
        ("embeddings.LayerNorm.weight", (HIDDEN,)),
        ("embeddings.LayerNorm.bias", (HIDDEN,)),
    ]
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        for part in ("query", "key", "value"):
            out += [(f"{p}attention.self.{part}.weight", (HIDDEN, HIDDEN)),
                    (f"{p}attention.self.{part}.bias", (HIDDEN,))]
        out += [
            (f"{p}attention.output.dense.weight", (HIDDEN, HIDDEN)),
            (f"{p}attention.output.dense.bias", (HIDDEN,)),
            (f"{p}attention.output.LayerNorm.weight", (HIDDEN,)),
            (f"{p}attention.output.LayerNorm.bias", (HIDDEN,)),
            (f"{p}intermediate.dense.weight", (INTERMEDIATE, HIDDEN)),
            (f"{p}intermediate.dense.bias", (INTERMEDIATE,)),
            (f"{p}output.dense.weight", (HIDDEN, INTERMEDIATE)),
            (f"{p}output.dense.bias", (HIDDEN,)),
            (f"{p}output.LayerNorm.weight", (HIDDEN,)),
            (f"{p}output.LayerNorm.bias", (HIDDEN,)),
        ]
    out += [
        ("pooler.dense.weight", (HIDDEN, HIDDEN)),
        ("pooler.dense.bias", (HIDDEN,)),
        ("action.weight", (1, HIDDEN)),
        ("action.bias", (1,)),
    ]
    return out


class _Storage:
    def __init__(self, key, dtype):
        self.key, self.dtype = key, dtype


def _rebuild_tensor(storage, offset, size, stride, *_):
    return storage, offset, tuple(size), tuple(stride)


class _StateDictUnpickler(pickle.Unpickler):
    """Unpickles a torch state dict into (storage, offset, shape, stride)."""

    def find_class(self, module, name):
        if module == "torch._utils" and name == "_rebuild_tensor_v2":
            return _rebuild_tensor
        if module == "collections" and name == "OrderedDict":
            return collections.OrderedDict
        if module == "torch" and name == "FloatStorage":
            return name
        raise pickle.UnpicklingError(f"unexpected {module}.{name} in the state dict")

    def persistent_load(self, pid):
        _, dtype, key, _location, _numel = pid
        return _Storage(key, dtype)


def _product(dims):
    out = 1
    for d in dims:
        out *= d
    return out


def read_pth(pth_bytes):
    z = zipfile.ZipFile(io.BytesIO(pth_bytes))
    root = z.namelist()[0].split("/")[0]
    if z.read(f"{root}/byteorder") != b"little":
        raise SystemExit("expected little-endian storages")
    state = _StateDictUnpickler(z.open(f"{root}/data.pkl")).load()
    return z, root, state


def main(wheel):
    with zipfile.ZipFile(wheel) as w:
        z, root, state = read_pth(w.read("axelrod/data/model_attention.pth"))
    layout = expected_layout()
    if list(state) != [name for name, _ in layout]:
        raise SystemExit("the state dict's tensors differ from the expected layout")
    out = bytearray()
    for name, shape in layout:
        storage, offset, size, stride = state[name]
        if storage.dtype != "FloatStorage" or size != shape or offset != 0:
            raise SystemExit(f"{name}: {storage.dtype} {size} at {offset}, expected {shape}")
        contiguous = tuple(_product(shape[i + 1:]) for i in range(len(shape)))
        if stride != contiguous:
            raise SystemExit(f"{name}: stride {stride} is not contiguous")
        data = z.read(f"{root}/data/{storage.key}")
        if len(data) != 4 * _product(shape):
            raise SystemExit(f"{name}: {len(data)} bytes, expected {4 * _product(shape)}")
        out += data
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(out)
    print(f"wrote {OUT} ({len(out)} bytes, {len(out) // 4} floats), sha256 {hashlib.sha256(out).hexdigest()}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
