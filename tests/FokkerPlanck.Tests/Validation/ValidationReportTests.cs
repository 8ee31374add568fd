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

    // Cells of a Markdown table row: split at the pipes that are not escaped.
    private static int Cells(string row) => row.Where((c, i) => c == '|' && (i == 0 || row[i - 1] != '\\')).Count() - 1;

    [Fact]
    public void EveryTableRowOfTheCommittedReportHasTheHeadersColumnCount()
    {
        string path = Path.Combine(Scenarios.ScenarioSchemaTests.FindRoot(), "docs", "validation-report.md");
        var lines = File.ReadAllLines(path);
        int tables = 0, rows = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            // A table: a header row followed by its separator row (| --- | --- |).
            if (!(lines[i].StartsWith('|') && i + 1 < lines.Length && lines[i + 1].StartsWith("| ---", StringComparison.Ordinal))) continue;
            int columns = Cells(lines[i]);
            tables++;
            for (int j = i + 1; j < lines.Length && lines[j].StartsWith('|'); j++, rows++)
                Assert.True(Cells(lines[j]) == columns, $"{path} line {j + 1}: {Cells(lines[j])} cells, the header has {columns}: {lines[j]}");
        }
        Assert.True(tables >= 5 && rows >= 100, $"{tables} tables, {rows} rows: the report's tables were not found");
    }

    [Fact]
    public void ARowWithAnUnescapedPipeIsCaught()
    {
        // The check above can fail: the row the report used to write has two cells too many.
        Assert.Equal(3, Cells("| mean \\|z\\| | 0.1 | ok |"));
        Assert.Equal(5, Cells("| mean |z| | 0.1 | ok |"));
    }
}
