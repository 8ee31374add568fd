using FokkerPlanck.Backends;

namespace FokkerPlanck.Discretization;

/// <summary>The semi-discrete Fokker–Planck operator dp/dt = A(t) p on one grid, with the implicit solves of its schemes.</summary>
internal interface IDiscreteOperator : IDisposable
{
    /// <summary>Number of cells.</summary>
    int Length { get; }

    /// <summary>Cell length (1D) or area (2D).</summary>
    double CellVolume { get; }

    /// <summary>Evaluates the face rates at time t; later calls use them.</summary>
    void SetTime(double t);

    /// <summary>r = A p.</summary>
    void Apply(IDeviceVector p, IDeviceVector r);

    /// <summary>One Crank–Nicolson step (1D) or Peaceman–Rachford ADI step (2D) of size dt, rates at the midpoint.</summary>
    void CrankNicolson(IDeviceVector p0, double dt, IDeviceVector p1);

    /// <summary>One implicit Euler step (1D) or split implicit Euler step (2D), rates at the end point. L-stable and positive.</summary>
    void ImplicitEuler(IDeviceVector p0, double dt, IDeviceVector p1);

    /// <summary>Largest total outflow rate of a cell; explicit forward Euler is positive for dt ≤ 1 / this.</summary>
    double MaxOutflow();
}
