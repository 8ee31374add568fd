#!/usr/bin/env python3
"""py-pde on the peer benchmark's OU problems (benchmarks/README.md), run end to end as a process, as a user runs it:
`pypde_problems.py ou-gaussian --cells N` (py-pde importable: pip-installed, or PYTHONPATH=its source folder) prints one JSON line
with the relative max error of its point values against the exact density at t = 1; `ou-gaussian-2d --cells N` does the
same on N x N cells of [-8, 8]^2 from N((2, -1), 0.5^2 I), dp/dt = laplace(p) + d_dx(x p) + d_dy(y p).

The problem: dp/dt = p'' + (x p)' (OU, theta 1, sigma sqrt 2) on [-8, 8] from N(2, 0.5^2); zero-derivative boundaries
(the density there is below 1e-12 of its maximum, so this equals the zero-flux wall); scipy's adaptive solver at
rtol 1e-10, so that the error is the grid's. Each process compiles its operators with numba first, as every user run does.
"""
import json
import math
import sys

import numpy as np
import pde


def main():
    cells = int(sys.argv[sys.argv.index("--cells") + 1]) if "--cells" in sys.argv else 100
    if sys.argv[1] == "ou-gaussian-2d":
        two_d(cells)
        return
    grid = pde.CartesianGrid([[-8, 8]], [cells])
    x = grid.axes_coords[0]
    p0 = np.exp(-(x - 2) ** 2 / (2 * 0.25)) / math.sqrt(2 * math.pi * 0.25)
    eq = pde.PDE({"p": "laplace(p) + d_dx(x * p)"}, bc={"derivative": 0})
    res = eq.solve(pde.ScalarField(grid, p0), t_range=1.0, solver="scipy", tracker=None, rtol=1e-10, atol=1e-12)
    t = 1.0
    m, v = 2 * math.exp(-t), 0.25 * math.exp(-2 * t) + 1 - math.exp(-2 * t)
    exact = np.exp(-(x - m) ** 2 / (2 * v)) / math.sqrt(2 * math.pi * v)
    print(json.dumps({"problem": "ou-gaussian", "cells": cells, "relMaxError": float(np.max(np.abs(res.data - exact)) / np.max(exact))}))


def two_d(cells):
    grid = pde.CartesianGrid([[-8, 8], [-8, 8]], [cells, cells])
    x, y = grid.cell_coords[..., 0], grid.cell_coords[..., 1]
    p0 = np.exp(-((x - 2) ** 2 + (y + 1) ** 2) / (2 * 0.25)) / (2 * math.pi * 0.25)
    eq = pde.PDE({"p": "laplace(p) + d_dx(x * p) + d_dy(y * p)"}, bc={"derivative": 0})
    res = eq.solve(pde.ScalarField(grid, p0), t_range=1.0, solver="scipy", tracker=None, rtol=1e-10, atol=1e-12)
    t = 1.0
    v = 0.25 * math.exp(-2 * t) + 1 - math.exp(-2 * t)
    exact = np.exp(-((x - 2 * math.exp(-t)) ** 2 + (y + math.exp(-t)) ** 2) / (2 * v)) / (2 * math.pi * v)
    print(json.dumps({"problem": "ou-gaussian-2d", "cells": cells * cells, "relMaxError": float(np.max(np.abs(res.data - exact)) / np.max(exact))}))


if __name__ == "__main__":
    main()
