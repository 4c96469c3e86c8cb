//! Three-action tournaments from the command line (`dilemma tournament
//! --three-action`, and `three_action = true` in an experiment file).

use super::report::print_groups;
use dilemma::posture::PostureResults;

/// Prints the ranking with each player's postures and arming causes, the
/// field's totals and, with groups, each group's restraint and payoff.
pub fn print_ranking(results: &PostureResults) {
    println!(
        "{:>4}  {:<32} {:>12} {:>7} {:>7} {:>7} {:>8}",
        "rank", "strategy", "median score", "R", "A", "H", "spiral A"
    );
    for row in &results.statistics.summary {
        let [r, a, h] = row.posture_rates;
        println!(
            "{:>4}  {:<32} {:>12.4} {:>7.4} {:>7.4} {:>7.4} {:>8.4}",
            row.rank + 1,
            row.name,
            row.median_score,
            r,
            a,
            h,
            row.arming_cause_shares[2]
        );
    }
    let [r, a, h] = results.statistics.field_posture_rates();
    let [u, p, s] = results.statistics.field_arming_cause_shares();
    println!(
        "\nfield: R {r:.4}, A {a:.4}, H {h:.4}; arming unprovoked {u:.4}, provoked {p:.4}, spiral {s:.4}"
    );
    if let Some(groups) = &results.groups {
        print_groups(groups, "R");
    }
}
