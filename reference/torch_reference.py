#!/usr/bin/python3
"""PyTorch reference for Qatlas's Llama-style model, its fake quantization and its optimizer.

An independent implementation, written with torch operations and autograd, of the conventions
that Qatlas's own forward and backward passes follow (stdlib/.../model, quant, train). It builds
a tiny model from fixed random weights, and for each quantization scheme records, in float64:
the logits, the loss and every parameter's gradient at those weights, and the losses of ten
training steps (global-norm clipping, then AdamW at a constant learning rate) on one batch.
TorchParityTest checks every compute backend of Qatlas against the file this writes.

Run from the repository root:  /usr/bin/python3 reference/torch_reference.py
"""

import argparse
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

DEFAULT_OUT = "stdlib/src/test/resources/reference/torch_llama.npz"

# The model. ffn 88 is what llama() derives from hidden 32 (8/3 of it, up to a multiple of 8);
# it is no multiple of 32, so the fc2 weight's columns and the fc2 input's rows end in a ragged
# group of 24 under groups of 32.
CONFIG = dict(layers=2, hidden=32, ffn=88, heads=4, kv_heads=2, seq=16, vocab=64, batch=4, tied=0)
SEED = 20261205
INIT_STD = 0.02
NORM_EPS = 1e-5
ROPE_BASE = 10000.0

# Training: Budget's default AdamW (0.9, 0.95, eps 1e-8, weight decay 0.1 on matrices) and
# clipping at global norm 1.0, at a constant learning rate so that no schedule is involved.
STEPS = 10
LR = 3e-3
BETA1, BETA2, EPS, WEIGHT_DECAY, GRAD_CLIP = 0.9, 0.95, 1e-8, 0.1, 1.0

# Schemes by name: (weight bits, input bits, fc2 input bits) with groups of GROUP along the
# input dimension; None is full precision. Qatlas writes them
#   quant()
#   quant(weights: int(4, group: 32), acts: int(4, group: 32))
#   quant(weights: int(4, group: 32), acts: int(4, group: 32), overrides: {"*.fc2.input": 8})
GROUP = 32
SCHEMES = {
    "fp": None,
    "w4a4": (4, 4, 4),
    "w4a4_fc2in8": (4, 4, 8),
}


class AbsMaxSte(torch.autograd.Function):
    """Symmetric integer AbsMax fake quantization per group; its straight-through backward is the identity."""

    @staticmethod
    def forward(ctx, x, bits, group, along_columns):
        return fake_quantize(x, bits, group, along_columns)

    @staticmethod
    def backward(ctx, grad):
        # AbsMax maps each group's largest magnitude onto the top level, so nothing is clipped.
        return grad, None, None, None


def fake_quantize(x, bits, group, along_columns):
    """Groups of `group` along each row of x [rows, in], or down each column of a weight [in, out]."""
    if along_columns:
        return fake_quantize(x.t(), bits, group, False).t()
    rows, width = x.shape
    groups = -(-width // group)
    padded = F.pad(x, (0, groups * group - width))  # zeros never raise a group's max|x|
    blocks = padded.reshape(rows, groups, group)
    top = float(2 ** (bits - 1) - 1)  # int4: levels -7..7
    scale = blocks.abs().amax(dim=2, keepdim=True) / top
    scale = torch.where(scale == 0, torch.ones_like(scale), scale)  # an all-zero group stays zero
    levels = torch.round(torch.clamp(blocks / scale, -top, top))  # torch.round: half to even
    return (levels * scale).reshape(rows, groups * group)[:, :width]


def quantized(x, bits, along_columns):
    return x if bits is None else AbsMaxSte.apply(x, bits, GROUP, along_columns)


def linear(x, weight, scheme, input_bits_override=None):
    """x [rows, in] times weight [in, out], both fake-quantized when the scheme says so."""
    if scheme is None:
        return x @ weight
    weight_bits, input_bits, _ = scheme
    bits = input_bits if input_bits_override is None else input_bits_override
    return quantized(x, bits, False) @ quantized(weight, weight_bits, True)


def rms_norm(x, weight):
    return x * torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + NORM_EPS) * weight


def rotary(x, batch, time, heads, head_dim):
    """Rotate-half RoPE: coordinate i pairs with i + head_dim/2; angle t * base^(-2i/head_dim)."""
    half = head_dim // 2
    positions = torch.arange(time, dtype=torch.float64)
    frequencies = ROPE_BASE ** (-2.0 * torch.arange(half, dtype=torch.float64) / head_dim)
    angles = positions[:, None] * frequencies[None, :]  # [time, half]
    cos = angles.cos()[None, :, None, :]
    sin = angles.sin()[None, :, None, :]
    x = x.reshape(batch, time, heads, head_dim)
    first, second = x[..., :half], x[..., half:]
    rotated = torch.cat([first * cos - second * sin, first * sin + second * cos], dim=-1)
    return rotated.reshape(batch * time, heads * head_dim)


def attention(q, k, v, batch, time, heads, kv_heads, head_dim):
    """Causal attention; query head h reads key/value head h // (heads // kv_heads)."""
    q = q.reshape(batch, time, heads, head_dim).transpose(1, 2)
    k = k.reshape(batch, time, kv_heads, head_dim).transpose(1, 2)
    v = v.reshape(batch, time, kv_heads, head_dim).transpose(1, 2)
    share = heads // kv_heads
    k = k.repeat_interleave(share, dim=1)
    v = v.repeat_interleave(share, dim=1)
    scores = (q @ k.transpose(2, 3)) / math.sqrt(head_dim)
    future = torch.ones(time, time, dtype=torch.bool).triu(1)
    scores = scores.masked_fill(future, float("-inf"))
    context = scores.softmax(dim=-1) @ v  # [batch, heads, time, head_dim]
    return context.transpose(1, 2).reshape(batch * time, heads * head_dim)


def forward_logits(params, inputs, scheme):
    """Logits [batch * time, vocab], row b * time + t, for inputs [batch, time]."""
    c = CONFIG
    batch, time = inputs.shape
    heads, kv_heads = c["heads"], c["kv_heads"]
    head_dim = c["hidden"] // heads
    x = params["embed.weight"][inputs.reshape(-1)]
    for i in range(c["layers"]):
        p = lambda name: params[f"layers.{i}.{name}"]
        h = rms_norm(x, p("attn_norm.weight"))
        q = rotary(linear(h, p("attn.q.weight"), scheme), batch, time, heads, head_dim)
        k = rotary(linear(h, p("attn.k.weight"), scheme), batch, time, kv_heads, head_dim)
        v = linear(h, p("attn.v.weight"), scheme)
        x = x + linear(attention(q, k, v, batch, time, heads, kv_heads, head_dim), p("attn.o.weight"), scheme)
        h = rms_norm(x, p("mlp_norm.weight"))
        # fc1: one input, one weight [gate | up] (groups run down columns, so joining changes no group).
        joined = linear(h, torch.cat([p("mlp.gate.weight"), p("mlp.up.weight")], dim=1), scheme)
        gate, up = joined.split(c["ffn"], dim=1)
        fc2_bits = None if scheme is None else scheme[2]
        x = x + linear(F.silu(gate) * up, p("mlp.down.weight"), scheme, fc2_bits)
    head = params["embed.weight"] if c["tied"] else params["head.weight"]
    return rms_norm(x, params["norm.weight"]) @ head.t()


def loss_of(params, tokens, scheme):
    logits = forward_logits(params, tokens[:, :-1], scheme)
    return logits, F.cross_entropy(logits, tokens[:, 1:].reshape(-1), reduction="mean")


def initial_parameters(generator):
    """Qatlas's names and shapes; matrices normal(0, INIT_STD), norm weights near 1.

    Norm weights are drawn around 1 rather than set to 1, so that a mix-up of the weight in a
    norm's forward or backward cannot hide. Every value is rounded to float32 first, so that a
    float32 model loaded from this file starts from exactly the reference's numbers.
    """
    c = CONFIG
    d, f, vocab = c["hidden"], c["ffn"], c["vocab"]
    kv = c["kv_heads"] * (d // c["heads"])
    shapes = {"embed.weight": (vocab, d)}
    for i in range(c["layers"]):
        shapes.update({
            f"layers.{i}.attn_norm.weight": (d,),
            f"layers.{i}.attn.q.weight": (d, d),
            f"layers.{i}.attn.k.weight": (d, kv),
            f"layers.{i}.attn.v.weight": (d, kv),
            f"layers.{i}.attn.o.weight": (d, d),
            f"layers.{i}.mlp_norm.weight": (d,),
            f"layers.{i}.mlp.gate.weight": (d, f),
            f"layers.{i}.mlp.up.weight": (d, f),
            f"layers.{i}.mlp.down.weight": (f, d),
        })
    shapes["norm.weight"] = (d,)
    if not c["tied"]:
        shapes["head.weight"] = (vocab, d)
    params = {}
    for name, shape in shapes.items():
        noise = torch.randn(shape, generator=generator, dtype=torch.float64)
        value = 1.0 + 0.1 * noise if len(shape) == 1 else INIT_STD * noise
        params[name] = value.float().double()
    plant_rounding_ties(params["layers.0.attn.q.weight"])
    return params


def plant_rounding_ties(weight):
    """Puts exact ties (k + 1/2 levels) into the first int4 group of a weight's first column.

    Random values never sit exactly halfway between two levels, so without this the reference
    could not tell rounding half to even from half away from zero. With the group's largest
    magnitude 7 * 2^-7, the scale is exactly 2^-7 in float32 and float64 alike, and the
    values below are exactly 2.5, -0.5, 4.5 ... levels.
    """
    step = 2.0 ** -7
    levels = [7.0, 2.5, -2.5, 0.5, -0.5, 1.5, -3.5, 4.5, -6.5, 5.5]
    column = weight[:GROUP, 0]
    column.clamp_(-6 * step, 6 * step)  # no other element may set the scale
    column[:len(levels)] = torch.tensor(levels) * step


def clip_scale(grads):
    """Qatlas's GradientClipping.scale: max / (norm + 1e-12) when the global norm exceeds max."""
    norm = math.sqrt(sum(float((g * g).sum()) for g in grads))
    return GRAD_CLIP / (norm + 1e-12) if norm > GRAD_CLIP else 1.0


def train_losses(initial, tokens, scheme):
    """Losses of STEPS steps on one batch: loss, backward, clip by global norm, AdamW."""
    params = {name: value.clone().requires_grad_(True) for name, value in initial.items()}
    decayed = [p for p in params.values() if p.dim() >= 2]  # Qatlas decays matrices only
    plain = [p for p in params.values() if p.dim() < 2]
    optimizer = torch.optim.AdamW(
        [{"params": decayed, "weight_decay": WEIGHT_DECAY}, {"params": plain, "weight_decay": 0.0}],
        lr=LR, betas=(BETA1, BETA2), eps=EPS)
    losses = []
    for _ in range(STEPS):
        optimizer.zero_grad(set_to_none=True)
        _, loss = loss_of(params, tokens, scheme)
        loss.backward()
        losses.append(loss.item())
        scale = clip_scale([p.grad for p in params.values()])
        with torch.no_grad():
            for p in params.values():
                p.grad.mul_(scale)
        optimizer.step()
    return losses


def reference(initial, tokens, scheme):
    params = {name: value.clone().requires_grad_(True) for name, value in initial.items()}
    logits, loss = loss_of(params, tokens, scheme)
    loss.backward()
    grads = {name: p.grad.detach().clone() for name, p in params.items()}
    return logits.detach(), loss.item(), grads


def ragged_groups(width):
    return width % GROUP != 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="the .npz file to write (default: %(default)s)")
    args = parser.parse_args()
    torch.set_default_dtype(torch.float64)
    assert ragged_groups(CONFIG["ffn"]), "the dump must exercise a ragged last group"

    generator = torch.Generator().manual_seed(SEED)
    initial = initial_parameters(generator)
    c = CONFIG
    tokens = torch.randint(0, c["vocab"], (c["batch"], c["seq"] + 1), generator=generator)

    # ND4J 1.0.0-M2.1 reads uncompressed .npz only, and no rank-0 arrays: scalars are [1].
    arrays = {
        "config": np.array([c["layers"], c["hidden"], c["ffn"], c["heads"], c["kv_heads"], c["seq"], c["vocab"],
                            c["batch"], c["tied"], STEPS, GROUP], dtype=np.int64),
        "train": np.array([LR, BETA1, BETA2, EPS, WEIGHT_DECAY, GRAD_CLIP], dtype=np.float64),
        "tokens": tokens.numpy().astype(np.int32),
    }
    for name, value in initial.items():
        arrays["init/" + name] = value.numpy()
    for scheme_name, scheme in SCHEMES.items():
        logits, loss, grads = reference(initial, tokens, scheme)
        arrays[scheme_name + "/logits"] = logits.numpy()
        arrays[scheme_name + "/loss"] = np.array([loss])
        for name, grad in grads.items():
            arrays[scheme_name + "/grad/" + name] = grad.numpy()
        losses = train_losses(initial, tokens, scheme)
        arrays[scheme_name + "/losses"] = np.array(losses)
        print(f"{scheme_name}: loss {loss:.12f}, after {STEPS} steps {losses[-1]:.12f}")

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    np.savez(args.out, **arrays)
    print(f"wrote {args.out}: {len(arrays)} arrays, {os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
