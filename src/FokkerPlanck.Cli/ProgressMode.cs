namespace FokkerPlanck.Cli;

/// <summary>How a long run shows its progress.</summary>
internal enum ProgressMode
{
    /// <summary>Nothing (--quiet).</summary>
    None,

    /// <summary>Plain periodic lines (output redirected to a file or pipe).</summary>
    Plain,

    /// <summary>A live Spectre.Console progress display (a terminal).</summary>
    Live,
}
