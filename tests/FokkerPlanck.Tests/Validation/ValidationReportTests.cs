using FokkerPlanck.Validation;

namespace FokkerPlanck.Tests.Validation;

/// <summary>The report's Markdown tables survive metric names with pipes ("mean |z|").</summary>
public class ValidationReportTests
{
    [Theory]
    [InlineData("mean |z|", "mean \\|z\\|")]
    [InlineData("variance |z|", "variance \\|z\\|")]
    [InlineData("KS D", "KS D")]
    public void PipesInCellsAreEscaped(string text, string cell) => Assert.Equal(cell, ValidationReport.Cell(text));

    [Fact]
    public void EveryMetricNameBecomesOneCell()
    {
        foreach (var name in new[] { "mean |z|", "variance |z|", "max |Δx| (u in [0.005, 0.995])", "mean |Δ log p|", "chi² X²", "KS D (x-marginal)" })
        {
            string row = $"| a | {ValidationReport.Cell(name)} | b |";
            int unescaped = row.Where((c, i) => c == '|' && (i == 0 || row[i - 1] != '\\')).Count();
            Assert.Equal(4, unescaped);
        }
    }
}
