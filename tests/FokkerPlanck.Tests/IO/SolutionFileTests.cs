using FokkerPlanck.Discretization;
using FokkerPlanck.Grids;
using FokkerPlanck.IO;
using FokkerPlanck.Model;
using PureHDF;

namespace FokkerPlanck.Tests.IO;

public class SolutionFileTests
{
    [Fact]
    public void TwoDimensionalSolutionRoundTripsWithShapes()
    {
        var gx = new Grid1D(-4, 4, 10); var gy = new Grid1D(-3, 3, 7);
        var sol = FokkerPlanckSolver.Solve(new OuProcess(), new Grid2D(gx, gy), TestCases.Mixture2D, [0.0, 0.1, 0.2],
            new SolverOptions { Tolerance = 1e-5 }, TestCases.Managed);
        string path = Path.Combine(Directory.CreateTempSubdirectory("fp-io-").FullName, "s.h5");
        SolutionFile.Write(path, sol, "{\"name\": \"x\"}");
        using var f = H5File.OpenRead(path);
        var d = f.Dataset("density").Read<double[,,]>();
        Assert.Equal((3, 10, 7), (d.GetLength(0), d.GetLength(1), d.GetLength(2)));
        for (int s = 0; s < 3; s++) for (int i = 0; i < 10; i++) for (int j = 0; j < 7; j++)
            Assert.Equal(sol.Densities[s][i * 7 + j], d[s, i, j]);
        Assert.Equal(gy.Centers(), f.Dataset("y").Read<double[]>());
        Assert.Equal(sol.Masses, f.Dataset("mass").Read<double[]>());
        Assert.Equal("{\"name\": \"x\"}", f.Attribute("scenario").Read<string>());
    }

    [Fact]
    public void FailedWriteLeavesNoFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fp-missing-" + Guid.NewGuid(), "sub");
        var sol = FokkerPlanckSolver.Solve(new OuProcess(), new Grid1D(-4, 4, 8), TestCases.Mixture3, [0.0, 0.1], null, TestCases.Managed);
        Assert.ThrowsAny<IOException>(() => SolutionFile.Write(Path.Combine(dir, "s.h5"), sol, "{}"));
        Assert.False(Directory.Exists(dir));
    }
}
