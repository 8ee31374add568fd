namespace FokkerPlanck.Numerics;

/// <summary>Argument checks that name the parameter and the offending value.</summary>
internal static class Guard
{
    public static double Finite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite (got {Fmt(value)})");
        return value;
    }

    public static double Positive(double value, string name)
    {
        Finite(value, name);
        if (!(value > 0))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be > 0 (got {Fmt(value)})");
        return value;
    }

    public static double NonNegative(double value, string name)
    {
        Finite(value, name);
        if (!(value >= 0))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ 0 (got {Fmt(value)})");
        return value;
    }

    public static string Fmt(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
