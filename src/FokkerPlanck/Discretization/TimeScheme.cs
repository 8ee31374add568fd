namespace FokkerPlanck.Discretization;

/// <summary>Time integrator of the grid solver.</summary>
public enum TimeScheme
{
    /// <summary>Crank–Nicolson (1D) / Peaceman–Rachford ADI (2D), order 2, with an implicit-Euler (L-stable) start and
    /// step-doubling error control. Unconditionally stable; the default.</summary>
    Implicit = 0,

    /// <summary>Shu–Osher SSP Runge–Kutta 3 (order 3), step = cfl / (largest outflow rate): positivity-preserving.</summary>
    Explicit = 1,
}
