using FokkerPlanck.Fields;

namespace FokkerPlanck.Transport;

/// <summary>The grid's own PF velocity J / p̃ at the solver's faces, interpolated in time between snapshots
/// (cubic Lagrange over the four nearest, as <see cref="FieldSampler"/>). An optional factor scales the score
/// part: v = f - factor · ½ g² s (factor 1 is the PF velocity; 2 gives the deliberately wrong f - g² s).</summary>
public sealed class GridFaceVelocity : IFaceVelocity
{
    private readonly GridFields _f;
    private readonly double[][]? _fx, _fy;
    private readonly double _factor;

    /// <summary>Wraps fields.</summary>
    /// <param name="fields">Grid fields.</param>
    /// <param name="scoreFactor">Factor of the score term (1 = PF velocity).</param>
    public GridFaceVelocity(GridFields fields, double scoreFactor = 1.0)
    {
        _f = fields ?? throw new ArgumentNullException(nameof(fields));
        if (fields.Solution.Grid1?.Absorbing ?? fields.Solution.Grid2!.Absorbing)
            throw new NotSupportedException("the grid PF velocity is not defined at absorbing edges (p = 0 there); use reflecting or periodic edges");
        _factor = scoreFactor;
        if (scoreFactor != 1.0)
        {
            // v = f - c ½ g² s = c v_PF + (1 - c) f: uses the face drift f stored with the fields.
            _fx = fields.FaceDrift; _fy = fields.FaceDriftY;
        }
    }

    /// <inheritdoc />
    public void Fill(double t, Span<double> ux, Span<double> uy)
    {
        ux.Clear(); uy.Clear();
        foreach (var (k, c) in TimeInterpolation.Weights(_f.Times, t))
        {
            Accumulate(ux, _f.FaceVelocity[k], _fx?[k], c);
            if (_f.FaceVelocityY is { } vy) Accumulate(uy, vy[k], _fy?[k], c);
        }
    }

    private void Accumulate(Span<double> u, double[] v, double[]? f, double c)
    {
        for (int i = 0; i < u.Length; i++)
            u[i] += c * (f is null ? v[i] : _factor * v[i] + (1 - _factor) * f[i]);
    }
}
