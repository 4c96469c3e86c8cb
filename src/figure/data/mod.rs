//! The data of every figure, computed apart from its drawing: plain structs
//! a drawing function takes, each tested on hand-computed values.

pub mod evolution;
pub mod games;
pub mod nplayer;
pub mod security;
pub mod sweep;
pub mod tournament;

pub use crate::evolution::RestPoint;
pub use evolution::{
    moran_curve, moran_curves, moran_populations, phase_line, simplex_portrait, simplex_xy,
    stacked_shares, FlowArrow, MoranCurve, PhaseLine, ShareSeries, SimplexPortrait,
    SimulatedFixation, StackedShares,
};
pub use games::{best_response_diagram, equilibria_of, BestResponseDiagram, Segment};
pub use nplayer::{cube_diagram, CubeDiagram};
pub use security::{
    cell_centres, cell_edges, class_map, plane_class_map, three_action_equilibrium_map, unit_grid,
    ClassMap, ParameterGrid, StageEquilibriumMap, CLASS_MAP_CELLS, CLASS_ORDER,
};
pub use sweep::{
    interval_width_grid, slice_grid, sweep_lines, sweep_shape, SweepLines, SweepMeasure,
    SweepShape, HEAT_MAPS, LINES, STRATEGY_MAPS, UNIT_RANGE,
};
pub use tournament::{
    box_stats, cooperation_vs_score, finite_range, payoff_heat_map, posture_shares,
    ranked_heat_grid, score_boxes, score_distribution, wins, BoxStats, HeatGrid, NamedBox,
    PostureBar, RangeBar, ScatterPoint,
};
