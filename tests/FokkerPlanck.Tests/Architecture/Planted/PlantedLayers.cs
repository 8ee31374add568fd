// A deliberate upward reference and a deliberate CLI option name, for the layer tests' negative controls.
#pragma warning disable CA1812
namespace FokkerPlanck.Tests.Architecture.Planted.High
{
    /// <summary>Upper layer of the planted pair.</summary>
    internal sealed class Upper
    {
        public static int Value => 1;
    }
}

namespace FokkerPlanck.Tests.Architecture.Planted.Low
{
    /// <summary>Lower layer of the planted pair, using the upper one: the violation the test must find.</summary>
    internal static class UsesHigh
    {
        public static int Read() => High.Upper.Value;

        /// <summary>A message that names a CLI option, as the core library must not.</summary>
        public static string Message => "use --planted-option instead";
    }
}
