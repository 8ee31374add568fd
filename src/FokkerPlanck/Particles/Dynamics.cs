using System.Globalization;

namespace FokkerPlanck.Particles;

/// <summary>Direction of a particle run: forward in t from time.start, or in the reverse clock τ = T - t from time.end.</summary>
public enum DynamicsDirection
{
    /// <summary>dX = [f + ½(λ - 1) g² s] dt + √λ g dW, from time.start to time.end.</summary>
    Forward,

    /// <summary>dY = [-f + ½(1 + λ) g² s] dτ + √λ g dW̄ in τ = T - t, from time.end back to time.start.</summary>
    Reverse,
}

/// <summary>
/// A member of the lambda-family that shares the marginals p_t (docs/conventions.md): λ = 1 is the SDE itself
/// (forward SDE, or the reverse SDE with drift -f + g² s), λ = 0 the probability-flow ODE.
/// </summary>
/// <param name="Direction">Forward or reverse clock.</param>
/// <param name="Lambda">λ ≥ 0.</param>
public sealed record Dynamics(DynamicsDirection Direction, double Lambda)
{
    /// <summary>The forward SDE (λ = 1).</summary>
    public static Dynamics ForwardSde { get; } = new(DynamicsDirection.Forward, 1.0);

    /// <summary>The reverse SDE (λ = 1, drift -f + g² s).</summary>
    public static Dynamics ReverseSde { get; } = new(DynamicsDirection.Reverse, 1.0);

    /// <summary>The probability-flow ODE in a direction.</summary>
    /// <param name="direction">Direction.</param>
    /// <returns>λ = 0.</returns>
    public static Dynamics PfOde(DynamicsDirection direction) => new(direction, 0.0);

    /// <summary>Whether there is no noise (λ = 0).</summary>
    public bool IsOde => Lambda == 0;

    /// <summary>Coefficients of the drift b = DriftSign f + ScoreCoefficient g² s and of the noise √λ g.</summary>
    /// <param name="control">A deliberately wrong variant for negative controls.</param>
    /// <returns>(drift sign, score coefficient, noise coefficient).</returns>
    public (double DriftSign, double ScoreCoefficient, double NoiseCoefficient) Coefficients(NegativeControl control = NegativeControl.None)
    {
        Validate();
        bool fwd = Direction == DynamicsDirection.Forward;
        double sign = fwd ? 1.0 : -1.0;
        double c = fwd ? 0.5 * (Lambda - 1) : 0.5 * (1 + Lambda);
        switch (control)
        {
            case NegativeControl.None: break;
            case NegativeControl.FlipScoreSign: c = -c; break;
            case NegativeControl.FullScoreFactor: c *= 2; break;           // g² in place of ½ g²
            case NegativeControl.OmitLambdaCorrection: c = fwd ? -0.5 : 0.5; break; // PF drift with √λ g noise
            case NegativeControl.FlipDriftSign: sign = -sign; break;
            case NegativeControl.OmitDiffusionGradient: break; // the particle model drops ∇D (position-dependent diffusion only)
            default: throw new ArgumentOutOfRangeException(nameof(control), control, "unknown negative control");
        }
        return (sign, c, Math.Sqrt(Lambda));
    }

    /// <summary>Throws when λ is negative or not finite.</summary>
    public void Validate()
    {
        if (!(Lambda >= 0) || !double.IsFinite(Lambda))
            throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, $"lambda must be ≥ 0 and finite (got {Lambda})");
        if (!Enum.IsDefined(Direction)) throw new ArgumentOutOfRangeException(nameof(Direction), Direction, "unknown direction");
    }

    /// <summary>Parses the CLI form: forward-sde, reverse-sde, pf-ode or lambda=X (pf-ode and lambda take the given
    /// direction, default reverse: the generative direction).</summary>
    /// <param name="text">The text.</param>
    /// <param name="direction">Direction for pf-ode and lambda=X; null: reverse.</param>
    /// <returns>The dynamics.</returns>
    public static Dynamics Parse(string text, DynamicsDirection? direction = null)
    {
        string s = (text ?? "").Trim().ToLowerInvariant();
        switch (s)
        {
            case "forward-sde":
                if (direction == DynamicsDirection.Reverse) throw new ArgumentException("direction reverse contradicts forward-sde (use reverse-sde)", "direction");
                return ForwardSde;
            case "reverse-sde":
                if (direction == DynamicsDirection.Forward) throw new ArgumentException("direction forward contradicts reverse-sde (use forward-sde)", "direction");
                return ReverseSde;
            case "pf-ode":
                return PfOde(direction ?? DynamicsDirection.Reverse);
        }
        if (s.StartsWith("lambda=", StringComparison.Ordinal)
            && double.TryParse(s["lambda=".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out double l))
        {
            var d = new Dynamics(direction ?? DynamicsDirection.Reverse, l);
            d.Validate();
            return d;
        }
        throw new ArgumentException($"dynamics must be forward-sde, reverse-sde, pf-ode or lambda=X with X ≥ 0 (got '{text}')", "dynamics");
    }

    /// <summary>Name as the CLI writes it.</summary>
    /// <returns>forward-sde, reverse-sde, pf-ode or lambda=X, with the direction where it is not implied.</returns>
    public override string ToString() =>
        Lambda == 1 ? (Direction == DynamicsDirection.Forward ? "forward-sde" : "reverse-sde")
        : (Lambda == 0 ? "pf-ode" : $"lambda={Lambda.ToString("R", CultureInfo.InvariantCulture)}")
          + (Direction == DynamicsDirection.Forward ? " (forward)" : " (reverse)");
}
