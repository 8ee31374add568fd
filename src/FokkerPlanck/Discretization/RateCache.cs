namespace FokkerPlanck.Discretization;

/// <summary>
/// The operators' record of which face rates are loaded. For an autonomous drift without aux updates the rates depend
/// on the diffusion value only, so a stage time with the same diffusion reuses them, and the explicit bound computed
/// from them (MaxOutflow) is kept until they change. Same bits as recomputing. A NaN diffusion never matches, so it is
/// recomputed (and propagates) every time.
/// </summary>
internal sealed class RateCache(bool autonomous)
{
    private double _d = double.NaN, _outflow = double.NaN;

    /// <summary>Whether the rates loaded now are those of diffusion <paramref name="d"/>.</summary>
    /// <param name="d">Diffusion value of the stage time.</param>
    /// <returns>True when SetTime can skip the recomputation.</returns>
    public bool Holds(double d) => autonomous && d == _d;

    /// <summary>Records freshly computed rates (and forgets the bound of the old ones).</summary>
    /// <param name="d">Their diffusion value.</param>
    public void Computed(double d)
    {
        _d = autonomous ? d : double.NaN;
        _outflow = double.NaN;
    }

    /// <summary>The explicit bound (largest outflow rate) of the loaded rates when it is kept, else null.</summary>
    public double? Outflow => double.IsNaN(_outflow) ? null : _outflow;

    /// <summary>Keeps a bound computed from the loaded rates (for an autonomous drift) and returns it.</summary>
    /// <param name="max">The largest outflow rate.</param>
    /// <returns><paramref name="max"/>.</returns>
    public double KeepOutflow(double max)
    {
        if (autonomous) _outflow = max;
        return max;
    }
}
