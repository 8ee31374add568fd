#!/usr/bin/env python3
"""Trains a small MLP to predict the noise of the OU process (theta 1, sigma sqrt 2) on the 2D mixture of
judge-gmm-2d.json by denoising score matching, and exports it to ONNX for `fokker-planck judge`.

  x_t = alpha(t) x_0 + sigma(t) eps,  alpha = e^{-t},  sigma^2 = 1 - e^{-2t},  t ~ U(t_min, 3)
  loss = E |eps_theta(x_t, t) - eps|^2          (the noise parametrisation: s = -eps / sigma)

Needs Debian's python3-torch (and python3-numpy); CPU only, about 4 minutes on 2 cores with the defaults. Then:

  python3 examples/models/train_mlp.py --out mlp.onnx
  fokker-planck judge examples/models/judge-gmm-2d.json --model mlp.onnx --parametrisation noise --t-min 0.01
"""
import argparse

import numpy as np
import torch

WEIGHTS = [0.5, 0.5]
MEANS = [[-1.5, 0.0], [1.5, 0.5]]
VARIANCES = [0.25, 0.36]


def sample_data(n, gen):
    k = torch.multinomial(torch.tensor(WEIGHTS), n, replacement=True, generator=gen)
    means = torch.tensor(MEANS)[k]
    sd = torch.tensor(VARIANCES).sqrt()[k].unsqueeze(1)
    return means + sd * torch.randn(n, 2, generator=gen)


class Net(torch.nn.Module):
    """eps_theta(x, t): the time enters through sin/cos features of log t."""

    def __init__(self, width=128, features=8):
        super().__init__()
        self.freqs = torch.nn.Parameter(torch.arange(1, features + 1, dtype=torch.float32), requires_grad=False)
        self.body = torch.nn.Sequential(
            torch.nn.Linear(2 + 2 * features, width), torch.nn.SiLU(),
            torch.nn.Linear(width, width), torch.nn.SiLU(),
            torch.nn.Linear(width, width), torch.nn.SiLU(),
            torch.nn.Linear(width, 2))

    def forward(self, x, t):
        u = torch.log(t).unsqueeze(1) * self.freqs
        return self.body(torch.cat([x, torch.sin(u), torch.cos(u)], dim=1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="mlp.onnx")
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--t-min", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, a.steps)
    for step in range(a.steps):
        x0 = sample_data(a.batch, gen)
        t = a.t_min + (3.0 - a.t_min) * torch.rand(a.batch, generator=gen)
        alpha = torch.exp(-t).unsqueeze(1)
        sigma = torch.sqrt(1 - torch.exp(-2 * t)).unsqueeze(1)
        eps = torch.randn(a.batch, 2, generator=gen)
        loss = ((net(alpha * x0 + sigma * eps, t) - eps) ** 2).sum(dim=1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 500 == 0 or step == a.steps - 1:
            print(f"step {step}: loss {loss.item():.4f}")
    net.eval()
    x = torch.zeros(4, 2)
    t = torch.full((4,), 0.5)
    torch.onnx.export(net, (x, t), a.out, input_names=["x", "t"], output_names=["eps"],
                      dynamic_axes={"x": {0: "N"}, "t": {0: "N"}, "eps": {0: "N"}}, opset_version=14)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
