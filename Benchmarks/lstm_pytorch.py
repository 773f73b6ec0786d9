"""PyTorch twin of `TensorBench lstm`: LSTM forward+backward tokens/s on the CPU.

Same shapes: batch 128, sequence 100, input 300, hidden 200, 2 layers, batch first, loss = output.sum().
Usage: /work/venvs/torch/bin/python Benchmarks/lstm_pytorch.py [iterations] [threads]
"""
import statistics
import sys
import time

import torch

iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 5
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
torch.set_num_threads(threads)
torch.manual_seed(0)
batch, seq, inp, hidden = 128, 100, 300, 200
lstm = torch.nn.LSTM(inp, hidden, num_layers=2, batch_first=True)
x = torch.randn(batch, seq, inp)
times = []
for i in range(iterations + 1):
    lstm.zero_grad(set_to_none=True)
    start = time.perf_counter()
    out, _ = lstm(x)
    out.sum().backward()
    elapsed = time.perf_counter() - start
    if i > 0:  # the first iteration warms up
        times.append(elapsed)
m = statistics.median(times)
print(f"PyTorch {torch.__version__} threads={torch.get_num_threads()} LSTM fwd+bwd median {m:.3f} s "
      f"over {iterations} iterations: {batch * seq / m:.0f} tokens/s")
