//! The native module `dilemma._dilemma` of the Python package `dilemma`: a
//! thin layer over the library. Every computation is the library's; this
//! crate converts arguments and results, releases the GIL while the library
//! works (on another thread, so that Ctrl-C interrupts it) and turns the
//! library's errors into `ValueError`s with the same one-line messages.
//!
//! Results that the command line writes as files (tables, `results.json`)
//! cross as the same text, so that the package's tables are the command
//! line's, bit for bit; `python/dilemma/` turns them into pandas DataFrames.

use pyo3::prelude::*;

mod errors;
mod evolution;
mod figures;
mod game;
mod groups;
mod interrupt;
mod learn;
mod play;
mod sensitivity;
mod solve;
mod strategies;
mod sweep;
mod tournament;

/// The native module.
#[pymodule]
fn _dilemma(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<game::Game>()?;
    m.add_function(wrap_pyfunction!(game::catalogue_names, m)?)?;
    m.add_function(wrap_pyfunction!(game::security_parameters, m)?)?;
    m.add_function(wrap_pyfunction!(game::security_model, m)?)?;
    m.add_function(wrap_pyfunction!(solve::solve, m)?)?;
    m.add_function(wrap_pyfunction!(solve::correlated, m)?)?;
    m.add_function(wrap_pyfunction!(solve::solve_nplayer, m)?)?;
    m.add_function(wrap_pyfunction!(solve::logit, m)?)?;
    m.add_function(wrap_pyfunction!(solve::fit_qre, m)?)?;
    m.add_function(wrap_pyfunction!(sensitivity::run_sensitivity, m)?)?;
    m.add_function(wrap_pyfunction!(groups::run_groups, m)?)?;
    m.add_function(wrap_pyfunction!(play::play, m)?)?;
    m.add_function(wrap_pyfunction!(learn::learn, m)?)?;
    m.add_function(wrap_pyfunction!(strategies::strategies, m)?)?;
    m.add_function(wrap_pyfunction!(strategies::strategies_toml, m)?)?;
    m.add_function(wrap_pyfunction!(tournament::run_tournament, m)?)?;
    m.add_function(wrap_pyfunction!(tournament::default_players, m)?)?;
    m.add_function(wrap_pyfunction!(sweep::run_sweep, m)?)?;
    m.add_function(wrap_pyfunction!(evolution::ecological, m)?)?;
    m.add_function(wrap_pyfunction!(evolution::fixation_probability, m)?)?;
    m.add_function(wrap_pyfunction!(evolution::moran, m)?)?;
    m.add_function(wrap_pyfunction!(evolution::replicator, m)?)?;
    m.add_function(wrap_pyfunction!(evolution::evolve, m)?)?;
    m.add_function(wrap_pyfunction!(figures::tournament_figures, m)?)?;
    m.add_function(wrap_pyfunction!(figures::evolution_figures, m)?)?;
    m.add_function(wrap_pyfunction!(figures::sweep_figures, m)?)?;
    m.add_function(wrap_pyfunction!(figures::game_figures, m)?)?;
    m.add_function(wrap_pyfunction!(figures::svg_to_png, m)?)?;
    Ok(())
}
