#!/usr/bin/env python3
"""The particle code a user writes by hand in vectorised numpy, for the peer benchmark (benchmarks/README.md).

Runs one workload on the problem the C# side runs (ou-gmm-1d / ou-gmm-2d: OU with f = -x, g^2 = 2, from T = 1 back to
0 for the reverse dynamics) and prints one JSON line: particle-steps per second of the step loop (best of --repeat),
and the end positions' mean and sd (a check that both sides computed the same thing).

Workloads:
  ou-em        forward OU, Euler-Maruyama, exact drift: x += -x dt + sqrt(2 dt) z
  reverse-sde  reverse SDE, Euler-Maruyama, drift x + 2 s(x, t) with the grid score s interpolated linearly in space
               (np.interp in 1D, bilinear in 2D) and linearly in time between snapshots
  pf-ode       PF-ODE backwards, RK4, velocity v = -x - s from the same grid tables (four evaluations per step)

Grid tables come from --fields DIR: t.npy (nt), x.npy (nx), y.npy (ny), score.npy / velocity.npy (nt, nx[, ny]),
scoreY.npy / velocityY.npy in 2D, and starts.npy (n, d) for the start positions.
"""
import argparse
import json
import os
import time

import numpy as np


def load(d, name):
    return np.load(os.path.join(d, name + ".npy"))


class Table:
    """A field tabulated at cell centres and snapshots, interpolated linearly in space and time."""

    def __init__(self, t, xs, ys, values):
        self.t, self.xs, self.ys, self.v = t, xs, ys, values
        if ys is not None:
            self.nx, self.ny = len(xs), len(ys)
            self.flat = values.reshape(len(t), -1)

    def _space(self, k, x, y):
        if self.ys is None:
            return np.interp(x, self.xs, self.v[k])
        hx, hy = self.xs[1] - self.xs[0], self.ys[1] - self.ys[0]
        fx = np.clip((x - self.xs[0]) / hx, 0, self.nx - 1.000001)
        fy = np.clip((y - self.ys[0]) / hy, 0, self.ny - 1.000001)
        i, j = fx.astype(np.int64), fy.astype(np.int64)
        a, b = fx - i, fy - j
        base = i * self.ny + j
        f = self.flat[k]
        return ((1 - a) * (1 - b) * np.take(f, base) + a * (1 - b) * np.take(f, base + self.ny)
                + (1 - a) * b * np.take(f, base + 1) + a * b * np.take(f, base + self.ny + 1))

    def __call__(self, time_, x, y=None):
        k = int(np.clip(np.searchsorted(self.t, time_) - 1, 0, len(self.t) - 2))
        w = (time_ - self.t[k]) / (self.t[k + 1] - self.t[k])
        return (1 - w) * self._space(k, x, y) + w * self._space(k + 1, x, y)


def run(args, starts, tables):
    rng = np.random.default_rng(args.seed)
    n, steps, dims = starts.shape[0], args.steps, starts.shape[1]
    x = starts[:, 0].copy()
    y = starts[:, 1].copy() if dims == 2 else None
    t_end = 1.0
    dt = t_end / steps
    clock = time.perf_counter()
    if args.workload == "ou-em":
        sq = np.sqrt(2 * dt)
        for _ in range(steps):
            x += -x * dt + sq * rng.standard_normal(n)
            if y is not None:
                y += -y * dt + sq * rng.standard_normal(n)
    elif args.workload == "reverse-sde":
        sq = np.sqrt(2 * dt)
        sx, sy = tables["score"], tables.get("scoreY")
        t = t_end
        for _ in range(steps):
            dx = (x + 2 * sx(t, x, y)) * dt + sq * rng.standard_normal(n)
            if y is not None:
                dy = (y + 2 * sy(t, x, y)) * dt + sq * rng.standard_normal(n)
                y += dy
            x += dx
            t -= dt
    else:
        vx, vy = tables["velocity"], tables.get("velocityY")
        h = -dt  # backwards in time

        def v(t, x, y):
            return (vx(t, x, y), vy(t, x, y) if y is not None else None)

        t = t_end
        for _ in range(steps):
            k1 = v(t, x, y)
            k2 = v(t + h / 2, x + h / 2 * k1[0], None if y is None else y + h / 2 * k1[1])
            k3 = v(t + h / 2, x + h / 2 * k2[0], None if y is None else y + h / 2 * k2[1])
            k4 = v(t + h, x + h * k3[0], None if y is None else y + h * k3[1])
            x = x + h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
            if y is not None:
                y = y + h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
            t += h
    seconds = time.perf_counter() - clock
    return seconds, x, y


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workload", choices=["ou-em", "reverse-sde", "pf-ode"], required=True)
    p.add_argument("--fields", required=True, help="folder with the .npy tables and starts.npy")
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=2026)
    args = p.parse_args()
    starts = load(args.fields, "starts")
    tables = {}
    if args.workload != "ou-em":
        t, xs = load(args.fields, "t"), load(args.fields, "x")
        ys = load(args.fields, "y") if os.path.exists(os.path.join(args.fields, "y.npy")) else None
        for name in ["score", "scoreY", "velocity", "velocityY"]:
            if os.path.exists(os.path.join(args.fields, name + ".npy")):
                tables[name] = Table(t, xs, ys, load(args.fields, name))
    best, x, y = None, None, None
    for _ in range(args.repeat):
        seconds, x, y = run(args, starts, tables)
        best = seconds if best is None else min(best, seconds)
    n = starts.shape[0]
    print(json.dumps({
        "workload": args.workload, "dims": starts.shape[1], "particles": n, "steps": args.steps, "seconds": best,
        "particleStepsPerSecond": n * args.steps / best, "mean": float(np.mean(x)), "sd": float(np.std(x)),
        "numpy": np.__version__,
    }))


if __name__ == "__main__":
    main()
