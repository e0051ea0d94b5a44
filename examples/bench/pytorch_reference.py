#!/usr/bin/env python3
"""PyTorch reference for bin/bench-training: the same Llama-style models, schemes and steps.

Trains each size (layers/hidden/ffn/heads/kv_heads/seq/batch) for a short warm-up, then a
same number of measured steps, at full precision and with W4A4 (symmetric INT4 AbsMax with a
straight-through estimator, groups of 32 along each linear layer's input dimension, for
weights and inputs; a ragged last group where the dimension is not a multiple of 32), and
prints tokens/s. Byte tokens (vocab 256), untied embeddings, AdamW with weight decay on
matrices, clipping by global norm: what Qatlas's trainer does in a step.

Usage (Debian's python3-torch; set OMP_WAIT_POLICY=PASSIVE as bin/qat does):
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 examples/bench/pytorch_reference.py [steps] [threads]
"""
import ctypes
import math
import sys
import time

import torch
import torch.nn.functional as F

SIZES = [(2, 64, 172, 4, 2, 64, 16), (4, 128, 344, 4, 2, 128, 16), (6, 256, 688, 8, 4, 128, 16)]
GROUP = 32


def fake_quant(x, bits=4, group=GROUP):
    """Symmetric AbsMax per group of the last dimension; the backward pass is the identity."""
    size = x.shape[-1]
    padded = -size % group
    g = F.pad(x, (0, padded)) if padded else x
    g = g.reshape(*g.shape[:-1], -1, group)
    top = 2 ** (bits - 1) - 1
    scale = g.abs().amax(dim=-1, keepdim=True).clamp_min(1e-8) / top
    q = (g / scale).round().clamp(-top - 1, top) * scale
    q = q.reshape(*x.shape[:-1], size + padded)[..., :size]
    return x + (q - x).detach()


class Linear(torch.nn.Module):
    def __init__(self, inputs, outputs, quantized):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.randn(outputs, inputs) / math.sqrt(inputs))
        self.quantized = quantized

    def forward(self, x):
        if self.quantized:
            return F.linear(fake_quant(x), fake_quant(self.weight))
        return F.linear(x, self.weight)


class RmsNorm(torch.nn.Module):
    def __init__(self, width):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(width))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * self.weight


def rope(x, cos, sin):
    half = x.shape[-1] // 2
    a, b = x[..., :half], x[..., half:]
    return torch.cat((a * cos - b * sin, a * sin + b * cos), dim=-1)


class Block(torch.nn.Module):
    def __init__(self, hidden, ffn, heads, kv_heads, quantized):
        super().__init__()
        self.heads, self.kv_heads, self.head_dim = heads, kv_heads, hidden // heads
        self.attention_norm = RmsNorm(hidden)
        self.q = Linear(hidden, hidden, quantized)
        self.k = Linear(hidden, kv_heads * self.head_dim, quantized)
        self.v = Linear(hidden, kv_heads * self.head_dim, quantized)
        self.o = Linear(hidden, hidden, quantized)
        self.mlp_norm = RmsNorm(hidden)
        self.fc1 = Linear(hidden, 2 * ffn, quantized)
        self.fc2 = Linear(ffn, hidden, quantized)

    def forward(self, x, cos, sin, mask):
        batch, seq, hidden = x.shape
        h = self.attention_norm(x)
        q = self.q(h).view(batch, seq, self.heads, self.head_dim).transpose(1, 2)
        k = self.k(h).view(batch, seq, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v(h).view(batch, seq, self.kv_heads, self.head_dim).transpose(1, 2)
        q, k = rope(q, cos, sin), rope(k, cos, sin)
        repeat = self.heads // self.kv_heads
        k, v = k.repeat_interleave(repeat, dim=1), v.repeat_interleave(repeat, dim=1)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        attention = scores.masked_fill(mask, float("-inf")).softmax(-1) @ v
        x = x + self.o(attention.transpose(1, 2).reshape(batch, seq, hidden))
        gate, up = self.fc1(self.mlp_norm(x)).chunk(2, dim=-1)
        return x + self.fc2(F.silu(gate) * up)


class Llama(torch.nn.Module):
    def __init__(self, layers, hidden, ffn, heads, kv_heads, seq, quantized):
        super().__init__()
        self.embed = torch.nn.Embedding(256, hidden)
        self.blocks = torch.nn.ModuleList(Block(hidden, ffn, heads, kv_heads, quantized) for _ in range(layers))
        self.norm = RmsNorm(hidden)
        self.head = torch.nn.Linear(hidden, 256, bias=False)
        head_dim = hidden // heads
        angles = torch.outer(torch.arange(seq).float(), 10000 ** (-torch.arange(0, head_dim, 2).float() / head_dim))
        self.register_buffer("cos", angles.cos())
        self.register_buffer("sin", angles.sin())
        self.register_buffer("mask", torch.ones(seq, seq, dtype=torch.bool).triu(1))

    def forward(self, tokens):
        x = self.embed(tokens)
        for block in self.blocks:
            x = block(x, self.cos, self.sin, self.mask)
        return self.head(self.norm(x))


def train(size, quantized, steps):
    layers, hidden, ffn, heads, kv_heads, seq, batch = size
    model = Llama(layers, hidden, ffn, heads, kv_heads, seq, quantized)
    matrices = [p for p in model.parameters() if p.dim() == 2]
    vectors = [p for p in model.parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW([{"params": matrices, "weight_decay": 0.1}, {"params": vectors, "weight_decay": 0.0}],
                                  lr=1e-3, betas=(0.9, 0.95), eps=1e-8)
    data = torch.randint(0, 256, (batch, seq + 1))
    start = 0.0
    warmup = steps
    for step in range(warmup + steps):
        if step == warmup:
            start = time.perf_counter()
        logits = model(data[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, 256), data[:, 1:].reshape(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
    return steps * batch * seq / (time.perf_counter() - start)


def openblas_core():
    """The kernels of the OpenBLAS that PyTorch loaded (Debian's picks AVX-512 ones on Zen 4)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "libopenblas" in line}
    for path in paths:
        try:
            library = ctypes.CDLL(path)
            library.openblas_get_corename.restype = ctypes.c_char_p
            return library.openblas_get_corename().decode()
        except (OSError, AttributeError):
            pass
    return "unknown"


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
    torch.manual_seed(1)
    torch.ones(2, 2) @ torch.ones(2, 2)  # loads the BLAS
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, OpenBLAS core {openblas_core()}")
    print("size (l/h/ffn/heads/kv/seq/batch)   scheme   tokens/s   QAT/FP step")
    for size in SIZES:
        fp = train(size, False, steps)
        qat = train(size, True, steps)
        name = "/".join(map(str, size))
        print(f"{name:<36} {'FP':<8} {fp:9.0f}")
        print(f"{name:<36} {'W4A4 g32':<8} {qat:9.0f} {fp / qat:12.2f}")


if __name__ == "__main__":
    main()
