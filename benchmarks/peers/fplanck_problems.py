#!/usr/bin/env python3
"""fplanck's own test problems (its tests/test_harmonic_potential.py), for the peer benchmark: run end to end as a
process, as a user runs them. `fplanck_problems.py PROBLEM` solves with fplanck (importable, e.g. PYTHONPATH=its src folder) and prints one
JSON line with its relative max error against the exact density; `fplanck_problems.py PROBLEM --check solution.h5`
prints the same error for this tool's solution file (not part of the timed process).

Problems (100 cells on [-5, 5], U = x^2/2 at kT = 1 and drag 1, i.e. OU with theta 1 and sigma sqrt 2, reflecting):
  harmonic-steady   the steady state, exact exp(-x^2/2) normalised on the domain
  harmonic-finite   t = 0.4 from a point mass at x = 3, exact N(3 e^-t, 1 - e^-2t) (the walls add ~3e-4 relative at x = 5)
and, for the comparison at equal accuracy (`--cells N`, default 100):
  ou-gaussian       the same OU on [-8, 8] from N(2, 0.5^2) to t = 1, exact N(2 e^-1, 0.25 e^-2 + 1 - e^-2)
  ou-gaussian-2d    its 2D version (`--cells N`: N x N) on [-8, 8]^2, U = (x^2 + y^2)/2, from N((2, -1), 0.5^2 I) to t = 1,
                    exact N((2, -1) e^-1, (0.25 e^-2 + 1 - e^-2) I)
"""
import json
import math
import os
import sys

import numpy as np


def exact(problem, x, y=None):
    if problem == "ou-gaussian-2d":
        t = 1.0
        v = 0.25 * math.exp(-2 * t) + 1 - math.exp(-2 * t)
        mx, my = 2 * math.exp(-t), -1 * math.exp(-t)
        return np.exp(-((x - mx) ** 2 + (y - my) ** 2) / (2 * v)) / (2 * math.pi * v)
    if problem == "ou-gaussian":
        t = 1.0
        m, v = 2 * math.exp(-t), 0.25 * math.exp(-2 * t) + 1 - math.exp(-2 * t)
        return np.exp(-(x - m) ** 2 / (2 * v)) / math.sqrt(2 * math.pi * v)
    if problem == "harmonic-steady":
        z = math.sqrt(2 * math.pi) * math.erf(5 / math.sqrt(2))
        return np.exp(-x**2 / 2) / z
    t = 0.4
    m, v = 3 * math.exp(-t), 1 - math.exp(-2 * t)
    return np.exp(-(x - m) ** 2 / (2 * v)) / math.sqrt(2 * math.pi * v)


def rel_max(p, e):
    return float(np.max(np.abs(p - e)) / np.max(e))


def run_fplanck(problem, cells):
    if "FPLANCK_SRC" in os.environ:
        sys.path.insert(0, os.environ["FPLANCK_SRC"])
    from scipy.constants import k
    from fplanck.functions import delta_function, gaussian_pdf
    from fplanck.solver import FokkerPlanck
    from fplanck.utility import Boundary

    if problem == "ou-gaussian-2d":
        sim = FokkerPlanck(temperature=1 / k, drag=1, extent=[16, 16], resolution=16 / cells, boundary=Boundary.REFLECTING,
                           potential=lambda x, y: 0.5 * (x**2 + y**2))
        pdf = sim.propagate(gaussian_pdf([2, -1], 0.5 * math.sqrt(2)), 1.0)
        x, y = sim.grid
        return (x, y), pdf / (sim.resolution[0] * sim.resolution[1])
    if problem == "ou-gaussian":
        sim = FokkerPlanck(temperature=1 / k, drag=1, extent=16, resolution=16 / cells, boundary=Boundary.REFLECTING,
                           potential=lambda x: 0.5 * x**2)
        pdf = sim.propagate(gaussian_pdf(2, 0.5 * math.sqrt(2)), 1.0)  # its width w is exp(-((x - c) / w)^2): sd w / sqrt 2
        x = sim.grid[0]
        return x, pdf / (x[1] - x[0])
    sim = FokkerPlanck(temperature=1 / k, drag=1, extent=10, resolution=0.1, boundary=Boundary.REFLECTING,
                       potential=lambda x: 0.5 * x**2)
    pdf = sim.steady_state() if problem == "harmonic-steady" else sim.propagate(delta_function(3), 0.4)
    x = sim.grid[0]
    h = x[1] - x[0]
    return x, pdf / h  # probabilities per grid point -> density


def main():
    problem = sys.argv[1]
    if len(sys.argv) > 3 and sys.argv[2] == "--check":
        import h5py
        with h5py.File(sys.argv[3], "r") as f:
            x, p = f["x"][:], f["density"][-1]
            y = f["y"][:] if "y" in f else None
        # This tool's density is cell averages: compared with the exact cell averages (8-point Gauss-Legendre per cell,
        # per axis).
        h = x[1] - x[0]
        nodes, weights = np.polynomial.legendre.leggauss(8)
        if y is None:
            averages = sum(w / 2 * exact(problem, x + nd * h / 2) for nd, w in zip(nodes, weights))
        else:
            hy = y[1] - y[0]
            X, Y = np.meshgrid(x, y, indexing="ij")
            averages = sum(wi / 2 * wj / 2 * exact(problem, X + ni * h / 2, Y + nj * hy / 2)
                           for ni, wi in zip(nodes, weights) for nj, wj in zip(nodes, weights))
        print(json.dumps({"problem": problem, "cells": int(p.size), "relMaxError": rel_max(p, averages)}))
        return
    cells = int(sys.argv[sys.argv.index("--cells") + 1]) if "--cells" in sys.argv else 100
    x, p = run_fplanck(problem, cells)
    e = exact(problem, *x) if problem == "ou-gaussian-2d" else exact(problem, x)
    print(json.dumps({"problem": problem, "cells": int(p.size), "relMaxError": rel_max(p, e)}))


if __name__ == "__main__":
    main()
