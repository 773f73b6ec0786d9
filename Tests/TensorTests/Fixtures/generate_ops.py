"""Golden vectors for Tensor's primitives, written by PyTorch (float32).

Run: /work/venvs/torch/bin/python Tests/TensorTests/Fixtures/generate_ops.py
Writes ops.safetensors next to this file. For every case NAME it stores the inputs NAME.in0, NAME.in1, ...,
an upstream gradient NAME.gout, the output NAME.out and the input gradients NAME.grad0, ... of
sum(out * gout). The Swift test (GoldenOpsTests) runs the same composition for each NAME.
"""
import os
import torch
import torch.nn.functional as F
from safetensors.torch import save_file

torch.manual_seed(0)
cases = {}


def case(name, fn, *inputs):
    inputs = [t.detach().clone().float().requires_grad_(True) for t in inputs]
    out = fn(*inputs)
    gout = torch.randn_like(out)
    (out * gout).sum().backward()
    for i, t in enumerate(inputs):
        cases[f"{name}.in{i}"] = t.detach()
        cases[f"{name}.grad{i}"] = t.grad.detach()
    cases[f"{name}.out"] = out.detach()
    cases[f"{name}.gout"] = gout


r = torch.randn
pos = lambda *s: torch.rand(*s) + 0.5
case("add_broadcast", lambda a, b: a + b, r(3, 4), r(4))
case("sub_broadcast", lambda a, b: a - b, r(2, 3, 4), r(3, 1))
case("mul_broadcast", lambda a, b: a * b, r(2, 3), r(2, 1))
case("div_broadcast", lambda a, b: a / b, r(3, 4), pos(1, 4))
case("exp", torch.exp, r(3, 5))
case("log", torch.log, pos(3, 5))
case("tanh", torch.tanh, r(4, 9) * 3)
case("sigmoid", torch.sigmoid, r(4, 9) * 3)
case("relu", torch.relu, r(3, 5))
case("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"), r(3, 7) * 2)
case("gelu_erf", F.gelu, r(3, 7) * 2)
case("sqrt", torch.sqrt, pos(3, 5))
case("pow2", lambda x: x.pow(2), r(3, 5))
case("matmul", torch.matmul, r(3, 5), r(5, 4))
case("bmm", torch.matmul, r(2, 3, 5), r(2, 5, 4))
case("matmul_3d_2d", torch.matmul, r(2, 3, 5), r(5, 4))
case("matmul_transpose_b", lambda x, w: x @ w.T, r(2, 4, 5), r(3, 5))
case("matmul_transpose_a", lambda a, b: a.transpose(-2, -1) @ b, r(2, 5, 3), r(2, 5, 4))
case("matmul_3d_t_2d", lambda a, b: a.transpose(-2, -1) @ b, r(2, 5, 3), r(5, 4))
case("bmm_transpose_both", lambda a, b: a.transpose(-2, -1) @ b.transpose(-2, -1), r(2, 5, 3), r(2, 4, 5))
case("matmul_2d_3d", torch.matmul, r(3, 5), r(2, 5, 4))
case("sum_axis1", lambda x: x.sum(dim=1), r(2, 3, 4))
case("mean_axes02", lambda x: x.mean(dim=(0, 2), keepdim=True), r(2, 3, 4))
case("max_axis1", lambda x: x.max(dim=1).values, r(2, 5, 3))
case("softmax_last", lambda x: torch.softmax(x, dim=-1), r(3, 5) * 2)
case("softmax_axis0", lambda x: torch.softmax(x, dim=0), r(3, 5) * 2)
case("log_softmax_axis1", lambda x: torch.log_softmax(x, dim=1), r(2, 4, 3) * 2)
case("layer_norm", lambda x, w, b: F.layer_norm(x, (6,), w, b, eps=1e-5), r(2, 3, 6), r(6), r(6))
case("concat_axis1", lambda a, b: torch.cat([a, b], dim=1), r(2, 3, 4), r(2, 2, 4))
case("slice_axis2", lambda x: x[:, :, 1:3], r(2, 3, 4))
case("stack_axis1", lambda a, b: torch.stack([a, b], dim=1), r(3, 4), r(3, 4))
case("permute", lambda x: x.permute(2, 0, 1), r(2, 3, 4))
case("transpose", lambda x: x.transpose(0, 1), r(3, 5))
case("reshape", lambda x: x.reshape(6, 4) * 2, r(2, 3, 4))
case("expand", lambda x: x.expand(2, 3, 4) * 1.0, r(3, 1))
case("masked_fill", lambda x: x.masked_fill(torch.tensor([[True], [False], [True]]), -3.0), r(3, 4))
# Embedding: indices are fixed (not a differentiable input): [[1, 3, 1], [0, 5, 1]] into a [6, 4] table.
case("embedding", lambda w: F.embedding(torch.tensor([[1, 3, 1], [0, 5, 1]]), w), r(6, 4))

save_file({k: v.contiguous() for k, v in cases.items()}, os.path.join(os.path.dirname(__file__), "ops.safetensors"))
print(f"wrote {len(cases)} tensors")
