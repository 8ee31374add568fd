using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FokkerPlanck.Kernels;
using FokkerPlanck.Kernels.Grid;

namespace FokkerPlanck.Backends;

/// <summary>
/// The managed backend's 1D solve of (I - c A) x = rhs (the system of <see cref="TridiagonalKernels.SolveLine{TVec}"/>)
/// by a partition method, so that the line is not one chain of dependent divisions: the line is cut into S segments
/// (S = 8 per group of segments, one or more groups; S depends on the number of cells only, never on the thread count,
/// so the bits do not either), and each segment is eliminated on its own, eight segments side by side in two Vector256
/// chains. Each segment's forward elimination carries its coupling to the previous segment's last value as a second
/// right-hand side (the "spike" v) and sums, as it goes, what back substitution would give for its first value, so that
/// one pass yields each segment's first and last value as affine functions of its neighbours' (x_first = A + B L_prev + C
/// F_next, x_last = Y + V L_prev - c'_last F_next). That reduced system of 2S unknowns is solved in order, then every
/// segment back-substitutes on its own. I - c A has a positive diagonal, non-positive off-diagonals and column sums of at
/// least one (A conserves mass), so it is an M-matrix: elimination within the blocks and on the reduced system needs no
/// pivoting. Each row is scaled by one reciprocal of its pivot (one division per cell instead of three). The result
/// agrees with the Thomas algorithm to rounding (tested) but is not the same bits. The periodic case is Sherman–Morrison
/// on top, as in the kernel: two partitioned solves with the corner-corrected diagonal. <see cref="SolveStep"/> forms a
/// Crank–Nicolson right-hand side inside the forward pass, from the rates that pass loads anyway.
/// <para>Lanes and scalar code run the same operations in the same order (no fused multiply-add), so the scalar path
/// (machines without Vector256 acceleration, and the one extra cell of the first n mod S segments) gives the same bits.
/// Written by hand because no library solves a tridiagonal system this way in Vector256 lanes; not kernel code (ILGPU and
/// CUDA keep the Thomas kernel, within the conformance tolerance of this).</para>
/// </summary>
internal static class PartitionedTridiagonal
{
    /// <summary>Lines shorter than this take the Thomas algorithm: segments of at least 16 cells. At 128 cells one solve
    /// already takes 3.7 ns per cell against Thomas's 9.4 (one thread, 2026-12-05 host).</summary>
    public const int MinCells = 128;

    private const int Lanes = 8;

    /// <summary>Segment groups (of eight segments each) for a line of n cells: one per 65536 cells, 1 to 8.</summary>
    /// <param name="n">Cells.</param>
    /// <returns>Groups.</returns>
    public static int Groups(int n) => Math.Clamp(n / 65536, 1, 8);

    /// <summary>Solves the line. rhs and x may be the same array; w2 is overwritten (periodic only).</summary>
    /// <param name="n">Cells (at least <see cref="MinCells"/>).</param>
    /// <param name="periodic">Cyclic system.</param>
    /// <param name="c">Coefficient c ≥ 0.</param>
    /// <param name="aP">Forward rates (n + 1 faces).</param>
    /// <param name="aM">Backward rates (n + 1 faces).</param>
    /// <param name="rhs">Right-hand side.</param>
    /// <param name="x">Solution.</param>
    /// <param name="w2">Scratch of n cells (periodic only).</param>
    /// <param name="vector">False runs every lane with scalar code (same bits; for tests and unaccelerated machines).</param>
    /// <param name="forGroups">Runs body(g) for g in [0, count), in any order and on any threads: (count, cells per group, body).</param>
    public static void Solve(int n, bool periodic, double c, double[] aP, double[] aM, double[] rhs, double[] x, double[] w2,
        bool vector, Action<int, int, Action<int>> forGroups)
    {
        if (n < MinCells) throw new ArgumentOutOfRangeException(nameof(n), n, $"the partitioned solve needs at least {MinCells} cells");
        vector &= Vector256.IsHardwareAccelerated;
        if (!periodic)
        {
            Core(n, c, aP, aM, 0.0, 0.0, rhs, null, x, vector, forGroups);
            return;
        }
        // As TridiagonalKernels.SolveLine: diag0 and the corners, the corrected diagonal, u = (gamma, 0, .., alpha).
        double diag0 = 1.0 + c * (aM[0] + aP[1]);
        double gamma = -diag0, beta = -c * aP[0], alpha = -c * aM[n];
        double adjLast = alpha * beta / gamma;
        var u = ArrayPool<double>.Shared.Rent(n);
        try
        {
            Array.Clear(u, 0, n);
            u[0] = gamma; u[n - 1] = alpha;
            Core(n, c, aP, aM, gamma, adjLast, rhs, null, x, vector, forGroups);
            Core(n, c, aP, aM, gamma, adjLast, u, null, w2, vector, forGroups);
        }
        finally { ArrayPool<double>.Shared.Return(u); }
        double factor = (x[0] + beta * x[n - 1] / gamma) / (1.0 + w2[0] + beta * w2[n - 1] / gamma);
        for (int i = 0; i < n; i++) x[i] = x[i] - factor * w2[i];
    }

    /// <summary>A Crank–Nicolson step on a non-periodic line, x = (I - c A)⁻¹ (p + c A p): the right-hand side is formed
    /// inside the forward pass, with <see cref="IBackend.ApplyStep1D"/>'s operations (so the solve of the same right-hand
    /// side, bit for bit), from rates the pass loads anyway. p and x may be the same array.</summary>
    /// <param name="g">Axis (not periodic; at least <see cref="MinCells"/> cells).</param>
    /// <param name="c">Coefficient c ≥ 0.</param>
    /// <param name="aP">Forward rates (n + 1 faces).</param>
    /// <param name="aM">Backward rates (n + 1 faces).</param>
    /// <param name="p">Density at the start of the step.</param>
    /// <param name="x">Density at its end.</param>
    /// <param name="vector">False runs every lane with scalar code (same bits).</param>
    /// <param name="forGroups">As for <see cref="Solve"/>.</param>
    public static void SolveStep(Axis g, double c, double[] aP, double[] aM, double[] p, double[] x, bool vector,
        Action<int, int, Action<int>> forGroups)
    {
        if (g.N < MinCells) throw new ArgumentOutOfRangeException(nameof(g), g.N, $"the partitioned solve needs at least {MinCells} cells");
        if (g.Periodic) throw new ArgumentException("the fused step is for non-periodic lines", nameof(g));
        Core(g.N, c, aP, aM, 0.0, 0.0, p, g, x, vector & Vector256.IsHardwareAccelerated, forGroups);
    }

    // Per-lane state of the forward pass and the reduced system, in one rented block (S each).
    private enum Slot { CPrev, YPrev, VPrev, SumA, SumB, Prod, Gamma, Delta, Alpha, Beta, LPrev, FNext, Count }

    // step: the source is the density p of a Crank–Nicolson step on that axis, not the right-hand side.
    private static void Core(int n, double c, double[] aP, double[] aM, double adj0, double adjLast, double[] source, Axis? step,
        double[] x, bool vector, Action<int, int, Action<int>> forGroups)
    {
        int groups = Groups(n), s = Lanes * groups, len = n / s, extra = n % s, stride = Lanes * (len + 1);
        var buffer = ArrayPool<double>.Shared.Rent(3 * groups * stride + (int)Slot.Count * s);
        try
        {
            var work = new Work(n, c, aP, aM, adj0, adjLast, source, step, x, buffer, s, len, extra, stride);
            forGroups(groups, Lanes * len, g => { if (vector) work.ForwardVector(g); else work.ForwardScalar(g); });
            work.Reduce();
            forGroups(groups, Lanes * len, g => { if (vector) work.BackVector(g); else work.BackScalar(g); });
        }
        finally { ArrayPool<double>.Shared.Return(buffer); }
    }

    private sealed class Work(int n, double c, double[] aP, double[] aM, double adj0, double adjLast, double[] source, Axis? step,
        double[] x, double[] buffer, int s, int len, int extra, int stride)
    {
        private readonly int _groups = s / Lanes;
        private readonly bool _fused = step is not null;

        // The right-hand side at the line's two end cells (their stencil has the boundary's own form).
        private readonly double _rhs0 = Rhs(0, n, c, aP, aM, source, step), _rhsLast = Rhs(n - 1, n, c, aP, aM, source, step);

        // The right-hand side at cell i: the source, or 1·p + c·(A p) with Apply1D's and Combine's operations.
        private static double Rhs(int i, int n, double c, double[] aP, double[] aM, double[] source, Axis? step)
        {
            if (step is not Axis g) return source[i];
            double ap = i == 0 || i == n - 1
                ? StencilKernels.Apply1D(i, g, new ArrayVec(aP), new ArrayVec(aM), new ArrayVec(source))
                : StencilKernels.Formula(aP[i], source[i - 1], aM[i], aP[i + 1], source[i], aM[i + 1], source[i + 1]);
            return VectorKernels.Combine(1.0, source[i], c, ap);
        }

        // Segment k starts at k·len + min(k, extra); the first `extra` segments have len + 1 cells.
        private int Start(int k) => k * len + Math.Min(k, extra);

        private int Length(int k) => len + (k < extra ? 1 : 0);

        // c', y' and v' of lane k at step j: lane-major within each group of eight (two vectors per step).
        private int Index(int k, int j) => (k >> 3) * stride + j * Lanes + (k & 7);

        private int CpAt => 0;

        private int YpAt => _groups * stride;

        private int VpAt => 2 * _groups * stride;

        private ref double State(Slot slot, int k) => ref buffer[3 * _groups * stride + (int)slot * s + k];

        // Row i of the (corner-corrected) matrix, as SolveLine forms it.
        private void Row(int i, out double l, out double u, out double diag)
        {
            l = i == 0 ? 0.0 : -c * aP[i];
            u = i == n - 1 ? 0.0 : -c * aM[i + 1];
            diag = 1.0 + c * (aM[i] + aP[i + 1]);
            if (i == 0) diag -= adj0;
            if (i == n - 1) diag -= adjLast;
        }

        private void Begin(int k)
        {
            State(Slot.CPrev, k) = 0.0; State(Slot.YPrev, k) = 0.0; State(Slot.VPrev, k) = 1.0;
            State(Slot.SumA, k) = 0.0; State(Slot.SumB, k) = 0.0; State(Slot.Prod, k) = 1.0;
        }

        // One forward step of lane k at its step j (cell Start(k) + j): the vector step's operations, in its order.
        private void StepScalar(int k, int j)
        {
            Row(Start(k) + j, out double l, out double u, out double diag);
            double r = 1.0 / (diag - l * State(Slot.CPrev, k));
            double cp = u * r;
            double yp = (Rhs(Start(k) + j, n, c, aP, aM, source, step) - l * State(Slot.YPrev, k)) * r;
            double vp = (0.0 - l * State(Slot.VPrev, k)) * r;
            double p = State(Slot.Prod, k);
            State(Slot.SumA, k) = State(Slot.SumA, k) + p * yp;
            State(Slot.SumB, k) = State(Slot.SumB, k) + p * vp;
            State(Slot.Prod, k) = p * -cp;
            int at = Index(k, j);
            buffer[CpAt + at] = cp; buffer[YpAt + at] = yp; buffer[VpAt + at] = vp;
            State(Slot.CPrev, k) = cp; State(Slot.YPrev, k) = yp; State(Slot.VPrev, k) = vp;
        }

        public void ForwardScalar(int g)
        {
            for (int k = g * Lanes; k < (g + 1) * Lanes; k++)
            {
                Begin(k);
                for (int j = 0; j < Length(k); j++) StepScalar(k, j);
            }
        }

        public void ForwardVector(int g)
        {
            int k0 = g * Lanes;
            // Cell offsets of the eight lanes (their starts); step j touches cell start + j of each.
            int o0 = Start(k0), o1 = Start(k0 + 1), o2 = Start(k0 + 2), o3 = Start(k0 + 3);
            int o4 = Start(k0 + 4), o5 = Start(k0 + 5), o6 = Start(k0 + 6), o7 = Start(k0 + 7);
            ref double rp = ref MemoryMarshal.GetArrayDataReference(aP), rm = ref MemoryMarshal.GetArrayDataReference(aM);
            ref double rs = ref MemoryMarshal.GetArrayDataReference(source), rb = ref MemoryMarshal.GetArrayDataReference(buffer);
            var k = new Constants(c, adj0, adjLast, _rhs0, _rhsLast);
            var zero = Vector256<double>.Zero; var one = Vector256.Create(1.0);
            // Two chains (lanes 0-3 and 4-7), each c', y', v', the sums A and B and the product P of -c'.
            Vector256<double> cpA = zero, ypA = zero, vpA = one, saA = zero, sbA = zero, prA = one;
            Vector256<double> cpB = zero, ypB = zero, vpB = one, saB = zero, sbB = zero, prB = one;
            // Rates at each lane's current lower face; with a fused step, the density at the cell before and at the cell
            // (the line's first cell has no cell before it: index 0 stands in, and its right-hand side is replaced).
            var pA = Gather(ref rp, o0, o1, o2, o3); var mA = Gather(ref rm, o0, o1, o2, o3);
            var pB = Gather(ref rp, o4, o5, o6, o7); var mB = Gather(ref rm, o4, o5, o6, o7);
            bool fused = _fused;
            int lastCell = n - 1;
            var lA = fused ? Gather(ref rs, Math.Max(o0 - 1, 0), o1 - 1, o2 - 1, o3 - 1) : zero;
            var lB = fused ? Gather(ref rs, o4 - 1, o5 - 1, o6 - 1, o7 - 1) : zero;
            var cA = fused ? Gather(ref rs, o0, o1, o2, o3) : zero;
            var cB = fused ? Gather(ref rs, o4, o5, o6, o7) : zero;
            // Locals, not the captured fields: the loop stores doubles, after which the JIT would reload every field.
            int steps = len, ypAt = YpAt, vpAt = VpAt, at = g * stride, j = 0;
            bool first = g == 0, last = g == _groups - 1;
            if (Avx.IsSupported)
            {
                // Blocks of four steps: each lane's four faces and cells loaded as one vector and transposed in registers
                // (ManagedSimd.Tile), instead of a scalar load per lane and step. The last step is left to the loop below
                // (the cell after the line's last one does not exist).
                for (; j + 4 < steps; j += 4, at += 4 * Lanes)
                {
                    Block(ref rp, ref rm, ref rs, ref rb, o0 + j, o1 + j, o2 + j, o3 + j, at, ypAt, vpAt, first && j == 0, fused, k,
                        ref pA, ref mA, ref lA, ref cA, ref cpA, ref ypA, ref vpA, ref saA, ref sbA, ref prA);
                    Block(ref rp, ref rm, ref rs, ref rb, o4 + j, o5 + j, o6 + j, o7 + j, at + 4, ypAt, vpAt, false, fused, k,
                        ref pB, ref mB, ref lB, ref cB, ref cpB, ref ypB, ref vpB, ref saB, ref sbB, ref prB);
                }
            }
            for (; j < steps; j++, at += Lanes)
            {
                var pNA = Gather(ref rp, o0 + j + 1, o1 + j + 1, o2 + j + 1, o3 + j + 1);
                var mNA = Gather(ref rm, o0 + j + 1, o1 + j + 1, o2 + j + 1, o3 + j + 1);
                var pNB = Gather(ref rp, o4 + j + 1, o5 + j + 1, o6 + j + 1, o7 + j + 1);
                var mNB = Gather(ref rm, o4 + j + 1, o5 + j + 1, o6 + j + 1, o7 + j + 1);
                Vector256<double> rA, rB, nA = zero, nB = zero;
                if (fused)
                {
                    nA = Gather(ref rs, o0 + j + 1, o1 + j + 1, o2 + j + 1, o3 + j + 1);
                    nB = Gather(ref rs, o4 + j + 1, o5 + j + 1, o6 + j + 1, Math.Min(o7 + j + 1, lastCell));
                    rA = StepRhs(pA, mA, pNA, mNA, lA, cA, nA, k);
                    rB = StepRhs(pB, mB, pNB, mNB, lB, cB, nB, k);
                }
                else
                {
                    rA = Gather(ref rs, o0 + j, o1 + j, o2 + j, o3 + j);
                    rB = Gather(ref rs, o4 + j, o5 + j, o6 + j, o7 + j);
                }
                Step(pA, mA, pNA, mNA, rA, first && j == 0, false, k, ref cpA, ref ypA, ref vpA, ref saA, ref sbA, ref prA, ref rb, at, ypAt, vpAt);
                Step(pB, mB, pNB, mNB, rB, false, last && j == steps - 1, k, ref cpB, ref ypB, ref vpB, ref saB, ref sbB, ref prB, ref rb, at + 4, ypAt, vpAt);
                pA = pNA; mA = mNA; pB = pNB; mB = mNB;
                lA = cA; cA = nA; lB = cB; cB = nB;
            }
            Keep4(k0, cpA, ypA, vpA, saA, sbA, prA);
            Keep4(k0 + 4, cpB, ypB, vpB, saB, sbB, prB);
            // The first n mod S segments have one cell more.
            for (int q = k0; q < k0 + Lanes; q++) if (q < extra) StepScalar(q, len);
        }

        // Broadcast constants of the forward steps, the corner corrections and the right-hand side of the line's ends.
        private readonly struct Constants(double c, double adj0, double adjLast, double rhs0, double rhsLast)
        {
            public readonly Vector256<double> One = Vector256.Create(1.0), C = Vector256.Create(c), MinusC = Vector256.Create(-c);
            public readonly double Adj0 = adj0, AdjLast = adjLast, Rhs0 = rhs0, RhsLast = rhsLast;
        }

        // 1·p + c·(A p) at four cells from the rates of their faces and the density before, at and after them
        // (StencilRow's and CombineRow's operations).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> StepRhs(Vector256<double> pf, Vector256<double> mf, Vector256<double> pn, Vector256<double> mn,
            Vector256<double> pl, Vector256<double> pc, Vector256<double> pr, in Constants k) =>
            k.One * pc + k.C * (pf * pl - (mf + pn) * pc + mn * pr);

        // Four forward steps of one chain (four lanes at offsets s0..s3 + the block's first step): faces and cells by tiles.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Block(ref double rp, ref double rm, ref double rs, ref double rb, int s0, int s1, int s2, int s3, int at,
            int ypAt, int vpAt, bool lowerEnd, bool fused, in Constants k, ref Vector256<double> pf, ref Vector256<double> mf,
            ref Vector256<double> before, ref Vector256<double> here, ref Vector256<double> cp, ref Vector256<double> yp,
            ref Vector256<double> vp, ref Vector256<double> sa, ref Vector256<double> sb, ref Vector256<double> pr)
        {
            var (p0, p1, p2, p3) = ManagedSimd.Tile(ref rp, s0 + 1, s1 + 1, s2 + 1, s3 + 1);
            var (m0, m1, m2, m3) = ManagedSimd.Tile(ref rm, s0 + 1, s1 + 1, s2 + 1, s3 + 1);
            Vector256<double> b0, b1, b2, b3;
            if (fused)
            {
                var (n0, n1, n2, n3) = ManagedSimd.Tile(ref rs, s0 + 1, s1 + 1, s2 + 1, s3 + 1); // the cells after
                b0 = StepRhs(pf, mf, p0, m0, before, here, n0, k);
                b1 = StepRhs(p0, m0, p1, m1, here, n0, n1, k);
                b2 = StepRhs(p1, m1, p2, m2, n0, n1, n2, k);
                b3 = StepRhs(p2, m2, p3, m3, n1, n2, n3, k);
                before = n2; here = n3;
            }
            else (b0, b1, b2, b3) = ManagedSimd.Tile(ref rs, s0, s1, s2, s3);
            Step(pf, mf, p0, m0, b0, lowerEnd, false, k, ref cp, ref yp, ref vp, ref sa, ref sb, ref pr, ref rb, at, ypAt, vpAt);
            Step(p0, m0, p1, m1, b1, false, false, k, ref cp, ref yp, ref vp, ref sa, ref sb, ref pr, ref rb, at + Lanes, ypAt, vpAt);
            Step(p1, m1, p2, m2, b2, false, false, k, ref cp, ref yp, ref vp, ref sa, ref sb, ref pr, ref rb, at + 2 * Lanes, ypAt, vpAt);
            Step(p2, m2, p3, m3, b3, false, false, k, ref cp, ref yp, ref vp, ref sa, ref sb, ref pr, ref rb, at + 3 * Lanes, ypAt, vpAt);
            pf = p3; mf = m3;
        }

        // One forward step of four lanes, StepScalar's operations in its order: rates at the cell's lower (f) and upper (n)
        // faces, the right-hand side. The line's ends, as Row: cell 0 (lane 0 of the first group, step 0) has no lower
        // coupling, the first corner correction and its own right-hand side; cell n - 1 (lane 3 of the last group's second
        // chain, last step) has no upper coupling, the second correction and its own right-hand side.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Step(Vector256<double> pf, Vector256<double> mf, Vector256<double> pn, Vector256<double> mn,
            Vector256<double> r, bool lowerEnd, bool upperEnd, in Constants k, ref Vector256<double> cp, ref Vector256<double> yp,
            ref Vector256<double> vp, ref Vector256<double> sa, ref Vector256<double> sb, ref Vector256<double> pr, ref double rb,
            int at, int ypAt, int vpAt)
        {
            var l = k.MinusC * pf; var u = k.MinusC * mn; var d = k.One + k.C * (mf + pn);
            if (lowerEnd) { l = l.WithElement(0, 0.0); d = d.WithElement(0, d.GetElement(0) - k.Adj0); r = r.WithElement(0, k.Rhs0); }
            if (upperEnd) { u = u.WithElement(3, 0.0); d = d.WithElement(3, d.GetElement(3) - k.AdjLast); r = r.WithElement(3, k.RhsLast); }
            var inv = k.One / (d - l * cp);
            cp = u * inv;
            yp = (r - l * yp) * inv;
            vp = (Vector256<double>.Zero - l * vp) * inv;
            sa += pr * yp;
            sb += pr * vp;
            pr *= -cp;
            cp.StoreUnsafe(ref rb, (nuint)at); yp.StoreUnsafe(ref rb, (nuint)(ypAt + at)); vp.StoreUnsafe(ref rb, (nuint)(vpAt + at));
        }

        // The end state of four lanes (constant element indices: a variable one would put the vectors in memory).
        private void Keep4(int k, Vector256<double> cp, Vector256<double> yp, Vector256<double> vp, Vector256<double> sumA,
            Vector256<double> sumB, Vector256<double> prod)
        {
            Keep(k, cp.GetElement(0), yp.GetElement(0), vp.GetElement(0), sumA.GetElement(0), sumB.GetElement(0), prod.GetElement(0));
            Keep(k + 1, cp.GetElement(1), yp.GetElement(1), vp.GetElement(1), sumA.GetElement(1), sumB.GetElement(1), prod.GetElement(1));
            Keep(k + 2, cp.GetElement(2), yp.GetElement(2), vp.GetElement(2), sumA.GetElement(2), sumB.GetElement(2), prod.GetElement(2));
            Keep(k + 3, cp.GetElement(3), yp.GetElement(3), vp.GetElement(3), sumA.GetElement(3), sumB.GetElement(3), prod.GetElement(3));
        }

        private void Keep(int k, double cp, double yp, double vp, double sumA, double sumB, double prod)
        {
            State(Slot.CPrev, k) = cp; State(Slot.YPrev, k) = yp; State(Slot.VPrev, k) = vp;
            State(Slot.SumA, k) = sumA; State(Slot.SumB, k) = sumB; State(Slot.Prod, k) = prod;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> Gather(ref double a, int i0, int i1, int i2, int i3) =>
            Vector256.Create(Unsafe.Add(ref a, i0), Unsafe.Add(ref a, i1), Unsafe.Add(ref a, i2), Unsafe.Add(ref a, i3));

        /// <summary>The reduced system, in segment order: with L_(k-1) = α + β F_k carried forward, F_k = γ_k + δ_k F_(k+1);
        /// then F and L from the last segment back (F after the last is 0: its last row has no upper coupling).</summary>
        public void Reduce()
        {
            double alphaPrev = 0.0, betaPrev = 0.0;
            for (int k = 0; k < s; k++)
            {
                double a = State(Slot.SumA, k), b = State(Slot.SumB, k), cc = State(Slot.Prod, k);
                double y = State(Slot.YPrev, k), v = State(Slot.VPrev, k), cpLast = State(Slot.CPrev, k);
                double denom = 1.0 - b * betaPrev;
                double gamma = (a + b * alphaPrev) / denom, delta = cc / denom;
                double alpha = y + v * (alphaPrev + betaPrev * gamma);
                double beta = v * betaPrev * delta - cpLast;
                State(Slot.Gamma, k) = gamma; State(Slot.Delta, k) = delta;
                State(Slot.Alpha, k) = alpha; State(Slot.Beta, k) = beta;
                alphaPrev = alpha; betaPrev = beta;
            }
            double fNext = 0.0;
            for (int k = s - 1; k >= 0; k--)
            {
                double f = State(Slot.Gamma, k) + State(Slot.Delta, k) * fNext;
                State(Slot.FNext, k) = fNext;
                State(Slot.LPrev, k) = k == 0 ? 0.0 : State(Slot.Alpha, k - 1) + State(Slot.Beta, k - 1) * f;
                fNext = f;
            }
        }

        // x_i = (y'_i + v'_i L_prev) - c'_i x_(i+1), x after the segment's end = F_next.
        private double BackStep(int k, int j, double next)
        {
            int at = Index(k, j);
            double xi = (buffer[YpAt + at] + buffer[VpAt + at] * State(Slot.LPrev, k)) - buffer[CpAt + at] * next;
            x[Start(k) + j] = xi;
            return xi;
        }

        public void BackScalar(int g)
        {
            for (int k = g * Lanes; k < (g + 1) * Lanes; k++)
            {
                double next = State(Slot.FNext, k);
                for (int j = Length(k) - 1; j >= 0; j--) next = BackStep(k, j, next);
            }
        }

        public void BackVector(int g)
        {
            int k0 = g * Lanes;
            Span<double> next = stackalloc double[Lanes];
            for (int q = 0; q < Lanes; q++)
            {
                int k = k0 + q;
                next[q] = State(Slot.FNext, k);
                if (k < extra) next[q] = BackStep(k, len, next[q]);
            }
            int o0 = Start(k0), o1 = Start(k0 + 1), o2 = Start(k0 + 2), o3 = Start(k0 + 3);
            int o4 = Start(k0 + 4), o5 = Start(k0 + 5), o6 = Start(k0 + 6), o7 = Start(k0 + 7);
            var lpA = Vector256.Create(State(Slot.LPrev, k0), State(Slot.LPrev, k0 + 1), State(Slot.LPrev, k0 + 2), State(Slot.LPrev, k0 + 3));
            var lpB = Vector256.Create(State(Slot.LPrev, k0 + 4), State(Slot.LPrev, k0 + 5), State(Slot.LPrev, k0 + 6), State(Slot.LPrev, k0 + 7));
            var xA = Vector256.Create(next[0], next[1], next[2], next[3]);
            var xB = Vector256.Create(next[4], next[5], next[6], next[7]);
            ref double rb = ref MemoryMarshal.GetArrayDataReference(buffer), rx = ref MemoryMarshal.GetArrayDataReference(x);
            int steps = len, ypAt = YpAt, vpAt = VpAt, top = g * stride;
            // The steps above the last whole block of four one by one (scatter), then the blocks (tiles stored transposed).
            int tiles = Avx.IsSupported ? steps / 4 * 4 : 0;
            for (int j = steps - 1; j >= tiles; j--)
            {
                int at = top + j * Lanes;
                xA = BackLanes(ref rb, at, ypAt, vpAt, lpA, xA);
                xB = BackLanes(ref rb, at + 4, ypAt, vpAt, lpB, xB);
                Unsafe.Add(ref rx, o0 + j) = xA.GetElement(0); Unsafe.Add(ref rx, o1 + j) = xA.GetElement(1);
                Unsafe.Add(ref rx, o2 + j) = xA.GetElement(2); Unsafe.Add(ref rx, o3 + j) = xA.GetElement(3);
                Unsafe.Add(ref rx, o4 + j) = xB.GetElement(0); Unsafe.Add(ref rx, o5 + j) = xB.GetElement(1);
                Unsafe.Add(ref rx, o6 + j) = xB.GetElement(2); Unsafe.Add(ref rx, o7 + j) = xB.GetElement(3);
            }
            for (int j = tiles - 4; j >= 0; j -= 4)
            {
                int at = top + j * Lanes;
                var a3 = BackLanes(ref rb, at + 3 * Lanes, ypAt, vpAt, lpA, xA);
                var a2 = BackLanes(ref rb, at + 2 * Lanes, ypAt, vpAt, lpA, a3);
                var a1 = BackLanes(ref rb, at + Lanes, ypAt, vpAt, lpA, a2);
                xA = BackLanes(ref rb, at, ypAt, vpAt, lpA, a1);
                ManagedSimd.StoreTile(ref rx, o0 + j, o1 + j, o2 + j, o3 + j, xA, a1, a2, a3);
                var b3 = BackLanes(ref rb, at + 3 * Lanes + 4, ypAt, vpAt, lpB, xB);
                var b2 = BackLanes(ref rb, at + 2 * Lanes + 4, ypAt, vpAt, lpB, b3);
                var b1 = BackLanes(ref rb, at + Lanes + 4, ypAt, vpAt, lpB, b2);
                xB = BackLanes(ref rb, at + 4, ypAt, vpAt, lpB, b1);
                ManagedSimd.StoreTile(ref rx, o4 + j, o5 + j, o6 + j, o7 + j, xB, b1, b2, b3);
            }
        }

        // BackStep for four lanes: (y' + v' L_prev) - c' x_next.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> BackLanes(ref double rb, int at, int ypAt, int vpAt, Vector256<double> lPrev, Vector256<double> next) =>
            (Vector256.LoadUnsafe(ref rb, (nuint)(ypAt + at)) + Vector256.LoadUnsafe(ref rb, (nuint)(vpAt + at)) * lPrev)
            - Vector256.LoadUnsafe(ref rb, (nuint)at) * next;
    }
}
