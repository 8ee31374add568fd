using FokkerPlanck.Grids;
using FokkerPlanck.Transport;

namespace FokkerPlanck.Learned;

/// <summary>The learned PF-ODE run backwards in time as a continuity equation: at τ = T − t the face velocity is
/// −v_θ(x, t), v_θ = f − D s_θ at every face centre, interpolated in time between node evaluations
/// (<see cref="TimeInterpolatedField"/>).</summary>
internal sealed class LearnedFaceVelocity : IFaceVelocity
{
    private readonly double _end;
    private readonly int _dim;
    private readonly double[] _xPoints, _yPoints;
    private readonly double[] _xOut, _yOut;
    private readonly TimeInterpolatedField _x;
    private readonly TimeInterpolatedField? _y;

    public LearnedFaceVelocity(LearnedScore model, double tMin, double end, int intervals, Grid1D? g1, Grid2D? g2)
    {
        _end = end; _dim = model.Dimension;
        if (g1 is not null)
        {
            _xPoints = Enumerable.Range(0, g1.Cells + 1).Select(k => g1.Edge(k)).ToArray();
            _yPoints = [];
        }
        else
        {
            var g = g2!;
            int nx = g.X.Cells, ny = g.Y.Cells;
            _xPoints = new double[2 * (nx + 1) * ny];
            for (int k = 0; k <= nx; k++)
                for (int j = 0; j < ny; j++) { _xPoints[2 * (k * ny + j)] = g.X.Edge(k); _xPoints[2 * (k * ny + j) + 1] = g.Y.Center(j); }
            _yPoints = new double[2 * nx * (ny + 1)];
            for (int i = 0; i < nx; i++)
                for (int k = 0; k <= ny; k++) { _yPoints[2 * (i * (ny + 1) + k)] = g.X.Center(i); _yPoints[2 * (i * (ny + 1) + k) + 1] = g.Y.Edge(k); }
        }
        _xOut = new double[_xPoints.Length]; _yOut = new double[_yPoints.Length];
        _x = new TimeInterpolatedField(model, _xPoints, tMin, end, intervals, velocity: true);
        _y = _yPoints.Length == 0 ? null : new TimeInterpolatedField(model, _yPoints, tMin, end, intervals, velocity: true);
    }

    public void Fill(double tau, Span<double> ux, Span<double> uy)
    {
        double t = _end - tau;
        _x.At(t, _xOut);
        if (_dim == 1)
        {
            for (int k = 0; k < ux.Length; k++) ux[k] = -_xOut[k];
            return;
        }
        _y!.At(t, _yOut);
        for (int k = 0; k < ux.Length; k++) ux[k] = -_xOut[2 * k];
        for (int k = 0; k < uy.Length; k++) uy[k] = -_yOut[2 * k + 1];
    }
}
