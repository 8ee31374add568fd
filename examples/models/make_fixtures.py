#!/usr/bin/env python3
"""Writes the ONNX fixtures of `fokker-planck judge`: networks that compute, with ONNX operators only, the exact score
of an isotropic Gaussian mixture diffused by the OU process dX = -theta X dt + sigma dW (theta 1, sigma sqrt 2: the
tool's default `ou`), in every parametrisation the judge reads, and one whose score is the exact one plus a known
perturbation delta(x, t) = c sin(x_1) e_1.

The mixtures are those of the scenarios beside this script (judge-gmm-1d.json, judge-gmm-2d.json). Under OU a component
N(m, s^2 I) at t = 0 is N(alpha m, (alpha^2 s^2 + sigma_t^2) I) at t, alpha = e^{-t}, sigma_t^2 = 1 - e^{-2t}.

Needs Debian's python3-onnx (and python3-numpy). Run: python3 examples/models/make_fixtures.py [OUT_DIR]
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
MIXTURES = {
    1: dict(weights=[0.3, 0.7], means=[[-2.0], [1.5]], variances=[0.25, 0.5]),
    2: dict(weights=[0.5, 0.5], means=[[-1.5, 0.0], [1.5, 0.5]], variances=[0.25, 0.36]),
}
PERTURBATION = 0.1  # c in delta = c sin(x_1) e_1
SIGMA_DATA = 0.5    # EDM's sigma_data for the c_in input scaling of the denoiser fixture


class Graph:
    """A tiny builder: every call adds one node and returns the name of its output."""

    def __init__(self):
        self.nodes, self.inits, self.count = [], [], 0

    def const(self, value, dtype=np.float32):
        self.count += 1
        name = f"c{self.count}"
        self.inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def op(self, kind, *inputs, **attrs):
        self.count += 1
        name = f"n{self.count}"
        self.nodes.append(helper.make_node(kind, list(inputs), [name], **attrs))
        return name


def build(dim, parametrisation, time_input, perturbed=False, edm_scaling=False, nan_beyond=None):
    mix = MIXTURES[dim]
    w = np.array(mix["weights"]); m = np.array(mix["means"]); s2k = np.array(mix["variances"])
    g = Graph()
    x_in, t_in = "x", {"t": "t", "sigma": "sigma", "log-sigma": "log_sigma"}[time_input]
    ax1 = g.const([1], np.int64)
    tcol = g.op("Unsqueeze", t_in, ax1)                              # [N, 1]
    one = g.const(1.0)
    if time_input == "t":
        alpha = g.op("Exp", g.op("Neg", tcol))
        var_t = g.op("Sub", one, g.op("Mul", alpha, alpha))         # sigma_t^2 = 1 - alpha^2
    else:
        sigma = tcol if time_input == "sigma" else g.op("Exp", tcol)
        var_t = g.op("Mul", sigma, sigma)
        alpha = g.op("Sqrt", g.op("Sub", one, var_t))
    x = x_in
    if edm_scaling:  # the input is c_in x with c_in = 1 / sqrt(sigma^2 + sigma_data^2)
        x = g.op("Mul", x_in, g.op("Sqrt", g.op("Add", var_t, g.const(SIGMA_DATA ** 2))))
    # Component moments at t: means alpha m_k [N, K, d], variances alpha^2 s_k^2 + sigma_t^2 [N, K].
    v = g.op("Add", g.op("Mul", g.op("Mul", alpha, alpha), g.const(s2k[None, :])), var_t)
    mk = g.op("Mul", g.op("Unsqueeze", alpha, g.const([2], np.int64)), g.const(m[None, :, :]))
    diff = g.op("Sub", g.op("Unsqueeze", x, ax1), mk)               # x - alpha m_k
    sq = g.op("ReduceSum", g.op("Mul", diff, diff), g.const([2], np.int64), keepdims=0)
    logits = g.op("Sub", g.op("Sub", g.const(np.log(w)[None, :]), g.op("Mul", g.const(0.5 * dim), g.op("Log", v))),
                  g.op("Div", sq, g.op("Mul", g.const(2.0), v)))
    r = g.op("Softmax", logits, axis=1)
    vk = g.op("Unsqueeze", v, g.const([2], np.int64))
    score = g.op("Neg", g.op("ReduceSum", g.op("Div", g.op("Mul", g.op("Unsqueeze", r, g.const([2], np.int64)), diff), vk),
                             ax1, keepdims=0))
    if perturbed:
        first = g.op("Slice", x, g.const([0], np.int64), g.const([1], np.int64), ax1)
        delta = g.op("Mul", g.const(PERTURBATION), g.op("Sin", first))
        if dim == 2:
            delta = g.op("Concat", delta, g.op("Mul", first, g.const(0.0)), axis=1)
        score = g.op("Add", score, delta)
    if nan_beyond is not None:  # a broken model: sqrt(nan_beyond - x_1) is NaN beyond it (a control the judge must stop on)
        first = g.op("Slice", x, g.const([0], np.int64), g.const([1], np.int64), ax1)
        score = g.op("Add", score, g.op("Mul", g.const(0.0), g.op("Sqrt", g.op("Sub", g.const(float(nan_beyond)), first))))
    if parametrisation == "score":
        out = score
    elif parametrisation == "noise":     # eps = -sigma_t s
        out = g.op("Neg", g.op("Mul", g.op("Sqrt", var_t), score))
    elif parametrisation == "denoiser":  # E[x_0 | x_t] = (x + sigma_t^2 s) / alpha
        out = g.op("Div", g.op("Add", x, g.op("Mul", var_t, score)), alpha)
    elif parametrisation == "velocity":  # PF-ODE velocity f - D s, f = -x, D = 1
        out = g.op("Sub", g.op("Neg", x), score)
    else:
        raise ValueError(parametrisation)
    g.nodes.append(helper.make_node("Identity", [out], ["out"]))
    graph = helper.make_graph(
        g.nodes, f"gmm{dim}d_{parametrisation}",
        [helper.make_tensor_value_info(x_in, TensorProto.FLOAT, ["N", dim]),
         helper.make_tensor_value_info(t_in, TensorProto.FLOAT, ["N"])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["N", dim])],
        g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="fokker-planck fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


FIXTURES = [
    # file, dim, parametrisation, time input, perturbed, EDM input scaling (, NaN beyond x_1 = value)
    ("gmm1d-score.onnx", 1, "score", "t", False, False),
    ("gmm1d-score-perturbed.onnx", 1, "score", "t", True, False),
    ("gmm1d-noise.onnx", 1, "noise", "t", False, False),
    ("gmm1d-denoiser-edm.onnx", 1, "denoiser", "sigma", False, True),
    ("gmm1d-velocity.onnx", 1, "velocity", "log-sigma", False, False),
    ("gmm2d-score.onnx", 2, "score", "t", False, False),
    ("gmm2d-score-perturbed.onnx", 2, "score", "t", True, False),
    ("gmm1d-score-nan.onnx", 1, "score", "t", False, False, 3.0),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    for name, dim, par, tin, pert, edm, *nan in FIXTURES:
        model = build(dim, par, tin, pert, edm, nan[0] if nan else None)
        # Stable bytes: the same script writes the same files.
        with open(os.path.join(out, name), "wb") as f:
            f.write(model.SerializeToString(deterministic=True))
        print(f"wrote {os.path.join(out, name)}")


if __name__ == "__main__":
    main()
