"""Golden vectors for NeuralNet, written by PyTorch (float32).

Run: /work/venvs/torch/bin/python Tests/NeuralNetTests/Fixtures/generate_nn.py
Writes, next to this file:
  lstm.safetensors      2-layer bidirectional LSTM with per-sequence lengths (pack_padded_sequence), and a
                        1-layer unidirectional one: parameters (state_dict names), input, lengths, outputs,
                        h_n, c_n, and gradients of sum(out*g_out) + sum(h_n*g_h) + sum(c_n*g_c).
  encoder.safetensors   TransformerEncoderLayer (post-LN, batch_first, GELU, dropout 0) with a key padding mask.
  losses.safetensors    BCE-with-logits (soft targets, pos_weight, weight), cross-entropy (class weights), MSE:
                        values and gradients w.r.t. the logits.
  training.safetensors  initial weights of a small MLP and its first losses under SGD+momentum, Adam and
                        AdamW with gradient clipping and a linear warm-up/decay schedule.
"""
import os
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from safetensors.torch import save_file

here = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(0)


def save(name, tensors):
    save_file({k: v.detach().contiguous().float() for k, v in tensors.items()}, os.path.join(here, name))


# LSTM ---------------------------------------------------------------------------------------------
lstm_out = {}
for tag, layers, bidirectional, lengths in [("bi", 2, True, [6, 4, 2]), ("uni", 1, False, [5, 5, 5])]:
    lstm = nn.LSTM(5, 4, num_layers=layers, bidirectional=bidirectional, batch_first=True)
    T = max(lengths)
    x = torch.randn(3, T, 5, requires_grad=True)
    packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
    out, (h, c) = lstm(packed)
    out, _ = pad_packed_sequence(out, batch_first=True, total_length=T)
    g_out, g_h, g_c = torch.randn_like(out), torch.randn_like(h), torch.randn_like(c)
    ((out * g_out).sum() + (h * g_h).sum() + (c * g_c).sum()).backward()
    for k, v in lstm.state_dict().items():
        lstm_out[f"{tag}.param.{k}"] = v
        lstm_out[f"{tag}.grad.{k}"] = dict(lstm.named_parameters())[k].grad
    lstm_out.update({f"{tag}.input": x, f"{tag}.grad.input": x.grad, f"{tag}.lengths": torch.tensor(lengths, dtype=torch.float32),
                     f"{tag}.out": out, f"{tag}.h": h, f"{tag}.c": c, f"{tag}.g_out": g_out, f"{tag}.g_h": g_h, f"{tag}.g_c": g_c})
save("lstm.safetensors", lstm_out)

# Encoder layer --------------------------------------------------------------------------------------
layer = nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0, activation="gelu", batch_first=True)
layer.train()  # keeps PyTorch off its inference fast path
x = torch.randn(2, 5, 8, requires_grad=True)
mask = torch.tensor([[False, False, False, False, False], [False, False, False, True, True]])
y = layer(x, src_key_padding_mask=mask)
g = torch.randn_like(y)
(y * g).sum().backward()
enc = {f"param.{k}": v for k, v in layer.state_dict().items()}
enc.update({f"grad.{k}": p.grad for k, p in layer.named_parameters()})
enc.update({"input": x, "grad.input": x.grad, "mask": mask.float(), "out": y, "g_out": g})
save("encoder.safetensors", enc)

# Losses -------------------------------------------------------------------------------------------
losses = {}
logits = torch.randn(4, 3) * 3
soft = torch.rand(4, 3)  # fractional labels
pos_weight = torch.tensor([1.0, 3.0, 0.5])
weight = torch.tensor([2.0, 1.0, 0.25])
for tag, kwargs in [("bce", {}), ("bce_pos", {"pos_weight": pos_weight}), ("bce_pos_weight", {"pos_weight": pos_weight, "weight": weight})]:
    z = logits.clone().requires_grad_(True)
    loss = F.binary_cross_entropy_with_logits(z, soft, **kwargs)
    loss.backward()
    losses[f"{tag}.loss"] = loss.reshape(1)
    losses[f"{tag}.grad"] = z.grad
ce_logits = torch.randn(5, 4)
ce_targets = torch.tensor([0, 3, 1, 1, 2])
ce_weight = torch.tensor([1.0, 2.0, 0.5, 1.5])
for tag, kwargs in [("ce", {}), ("ce_weight", {"weight": ce_weight})]:
    z = ce_logits.clone().requires_grad_(True)
    loss = F.cross_entropy(z, ce_targets, **kwargs)
    loss.backward()
    losses[f"{tag}.loss"] = loss.reshape(1)
    losses[f"{tag}.grad"] = z.grad
pred, target = torch.randn(3, 4, requires_grad=True), torch.randn(3, 4)
mse = F.mse_loss(pred, target)
mse.backward()
losses.update({"mse.loss": mse.reshape(1), "mse.grad": pred.grad, "mse.pred": pred, "mse.target": target})
losses.update({"bce.logits": logits, "bce.targets": soft, "bce.pos_weight": pos_weight, "bce.weight": weight,
               "ce.logits": ce_logits, "ce.targets": ce_targets.float(), "ce.weight": ce_weight})
# Appended cases keep the random stream of everything above unchanged.
for tag, kwargs in [("ce_smooth", {"label_smoothing": 0.1}),
                    ("ce_ignore_weight_smooth", {"weight": ce_weight, "ignore_index": 1, "label_smoothing": 0.2})]:
    z = ce_logits.clone().requires_grad_(True)
    loss = F.cross_entropy(z, ce_targets, **kwargs)
    loss.backward()
    losses[f"{tag}.loss"] = loss.reshape(1)
    losses[f"{tag}.grad"] = z.grad
save("losses.safetensors", losses)

# Training steps -------------------------------------------------------------------------------------
training = {}
X = torch.randn(16, 4)
Y = torch.rand(16, 2)
training.update({"x": X, "y": Y})
torch.manual_seed(1)
init = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2)).state_dict()
training.update({f"init.{k}": v for k, v in init.items()})
steps = 6
# Hugging Face's get_linear_schedule_with_warmup: 2 warm-up steps, linear decay to 0 at `steps`.
schedule = lambda s: s / 2 if s < 2 else max(0.0, (steps - s) / (steps - 2))
for tag, make in [("sgd", lambda p: torch.optim.SGD(p, lr=0.5, momentum=0.9)),
                  ("adam", lambda p: torch.optim.Adam(p, lr=0.05)),
                  ("adamw", lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1))]:
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
    model.load_state_dict(init)
    opt = make(model.parameters())
    sched = torch.optim.lr_scheduler.LambdaLR(opt, schedule)
    history = []
    for _ in range(steps):
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(model(X), Y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5)
        opt.step()
        sched.step()
        history.append(loss.item())
    training[f"{tag}.losses"] = torch.tensor(history)
save("training.safetensors", training)
print("wrote lstm, encoder, losses, training fixtures")
