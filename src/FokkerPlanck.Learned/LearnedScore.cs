using System.Globalization;
using FokkerPlanck.Model;

namespace FokkerPlanck.Learned;

/// <summary>
/// A learned field read as the score of a diffusion process, whatever its parametrisation: with x_t = α(t) x_0 + σ(t) ε
/// the process's affine form (a linear process: α = m(t), σ² = v(t)), s = ε-output · (−1/σ), s = (α D − x) / σ² for a
/// denoiser, and s = (f − v) / D for a probability-flow velocity (D = ½ g²). The PF velocity of the learned score is
/// f − D s. Noise and denoiser outputs need σ(t) &gt; 0, velocity outputs D(t) &gt; 0.
/// </summary>
public sealed class LearnedScore
{
    private readonly Process _process;
    private readonly LinearProcess? _linear;

    /// <summary>Wraps a field for a process.</summary>
    /// <param name="field">The learned field.</param>
    /// <param name="process">The process the model was trained for.</param>
    /// <exception cref="LearnedModelException">The parametrisation needs an affine process and this one is not.</exception>
    public LearnedScore(ILearnedField field, Process process)
    {
        Field = field ?? throw new ArgumentNullException(nameof(field));
        _process = process ?? throw new ArgumentNullException(nameof(process));
        _linear = process as LinearProcess;
        if (process is FlowMatchingProcess && field.Parametrisation != Parametrisation.Velocity)
            throw new LearnedModelException($"a flow-matching path is judged from a velocity model (--parametrisation velocity), not a {ParametrisationNames.Of(field.Parametrisation)} output");
        if (field.Parametrisation is Parametrisation.Noise or Parametrisation.Denoiser && _linear is null)
            throw new LearnedModelException($"a {ParametrisationNames.Of(field.Parametrisation)} output needs the process's α(t) and σ(t), " +
                $"which process '{process.Kind}' does not have: judge it as a score or velocity model");
    }

    /// <summary>The field.</summary>
    public ILearnedField Field { get; }

    /// <summary>Spatial dimension.</summary>
    public int Dimension => Field.Dimension;

    /// <summary>Why the conversion is not defined at t (σ(t) = 0 for noise and denoiser outputs, D(t) = 0 for velocity
    /// outputs), or null.</summary>
    /// <param name="t">Process time.</param>
    /// <returns>The problem, or null.</returns>
    public string? TimeProblem(double t)
    {
        string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        if (Field.Parametrisation is Parametrisation.Noise or Parametrisation.Denoiser && !(_linear!.AddedVariance(t) > 0))
            return $"σ(t) = 0 at t = {G(t)}: a {ParametrisationNames.Of(Field.Parametrisation)} output has no score there; start the sampler's end (--t-min) where σ > 0";
        if (Field.Parametrisation == Parametrisation.Velocity && _process is not FlowMatchingProcess && !(_process.Diffusion(t) > 0))
            return $"D(t) = 0 at t = {G(t)}: a velocity output has no score there";
        return null;
    }

    /// <summary>σ(t) of the process's affine form, or null when it has none.</summary>
    /// <param name="process">The process.</param>
    /// <returns>σ(t) = √v(t) for a linear process.</returns>
    public static Func<double, double>? SigmaOf(Process process) =>
        process is LinearProcess l ? t => Math.Sqrt(l.AddedVariance(t)) : null;

    /// <summary>The learned score at a batch of points.</summary>
    /// <param name="points">N points, row-major.</param>
    /// <param name="t">Process time.</param>
    /// <param name="score">N × d scores.</param>
    public void Score(ReadOnlySpan<double> points, double t, Span<double> score)
    {
        if (_process is FlowMatchingProcess)
            throw new InvalidOperationException("a flow-matching path has no diffusion: its velocity model gives no score");
        Field.Evaluate(points, t, score);
        int d = Dimension, n = points.Length / d;
        switch (Field.Parametrisation)
        {
            case Parametrisation.Score:
                break;
            case Parametrisation.Noise:
            {
                double sigma = Math.Sqrt(_linear!.AddedVariance(t));
                for (int i = 0; i < score.Length; i++) score[i] = -score[i] / sigma;
                break;
            }
            case Parametrisation.Denoiser:
            {
                double alpha = _linear!.MeanFactor(t), v = _linear.AddedVariance(t);
                for (int i = 0; i < score.Length; i++) score[i] = (alpha * score[i] - points[i]) / v;
                break;
            }
            default:
            {
                double dd = _process.Diffusion(t);
                Span<double> f = stackalloc double[2];
                for (int k = 0; k < n; k++)
                {
                    _process.Drift(points.Slice(k * d, d), t, f[..d]);
                    for (int c = 0; c < d; c++) score[k * d + c] = (f[c] - score[k * d + c]) / dd;
                }
                break;
            }
        }
    }

    /// <summary>The probability-flow velocity f − D s of the learned score at a batch of points.</summary>
    /// <param name="points">N points, row-major.</param>
    /// <param name="t">Process time.</param>
    /// <param name="velocity">N × d velocities.</param>
    public void Velocity(ReadOnlySpan<double> points, double t, Span<double> velocity)
    {
        if (Field.Parametrisation == Parametrisation.Velocity)
        {
            // The model's own output, not a round trip through the score.
            Field.Evaluate(points, t, velocity);
            return;
        }
        Score(points, t, velocity);
        int d = Dimension, n = points.Length / d;
        double dd = _process.Diffusion(t);
        Span<double> f = stackalloc double[2];
        for (int k = 0; k < n; k++)
        {
            _process.Drift(points.Slice(k * d, d), t, f[..d]);
            for (int c = 0; c < d; c++) velocity[k * d + c] = f[c] - dd * velocity[k * d + c];
        }
    }
}
