//! n-player figures: the equilibrium cube of a three-player game with two
//! actions each, and the gain function of a symmetric n-player game.

use super::data::{CubeDiagram, Segment};
use super::draw::{
    labelled_ticks, legend, legend_width, nice_ticks, padded, svg_document, Frame, LegendMark, H, V,
};
use super::output::Figure;
use super::style::{self, pt, DARK_GREY, GREY, LABEL_PT, LINE, SINGLE_COLUMN_IN, SMALL_PT, THIN};
use crate::error::Result;
use crate::game::SymmetricBinaryGame;
use plotters::style::{RGBColor, BLACK};

/// How far the depth axis (player 2) recedes, as a fraction of an edge.
const DEPTH: f64 = 0.5;
/// The angle of the depth axis, radians.
const DEPTH_ANGLE: f64 = std::f64::consts::FRAC_PI_6;

/// The cube point `(p1, p2, p3)` in the plane (oblique projection: player 1
/// to the right, player 2 receding, player 3 up).
fn project(p1: f64, p2: f64, p3: f64) -> (f64, f64) {
    (
        p1 + DEPTH * p2 * DEPTH_ANGLE.cos(),
        p3 + DEPTH * p2 * DEPTH_ANGLE.sin(),
    )
}

/// The cube of mixed profiles of a three-player game with two actions each:
/// each player's indifference wall (the curve where the player is
/// indifferent, drawn on the cube's two faces where the player plays a pure
/// action, joined by vertical rulings; one colour per player) and the Nash
/// equilibria (black, with a grey line down to the floor to place them in
/// depth).
pub fn cube_figure(d: &CubeDiagram) -> Result<Figure> {
    let name = "equilibrium_cube";
    let width_in = SINGLE_COLUMN_IN;
    let colours = [
        style::OKABE_ITO[4],
        style::OKABE_ITO[5],
        style::OKABE_ITO[1],
    ];
    let players = d.players.clone().map(|p| shown_player(&p));
    let entries: Vec<(String, LegendMark)> = (0..3)
        .map(|i| {
            (
                format!("{} indifferent", players[i]),
                LegendMark::Line(colours[i]),
            )
        })
        .chain([("Nash equilibrium".to_string(), LegendMark::Point(BLACK))])
        .collect();
    let label = |k: usize| format!("P({} plays {})", players[k], d.first_actions[k]);
    let legend_h = pt(SMALL_PT) * 1.45 * entries.len() as f64;
    let (max_x, max_y) = project(1.0, 1.0, 1.0);
    let (depth_x, _) = project(1.0, 0.5, 0.0);
    let w = style::inches(width_in) as f64;
    let left = pt(26.0);
    // The cube's scale: the cube and the depth axis's label (right of the
    // cube's bottom right edge) both fit the width.
    let mut scale = 0.0;
    svg_document(name, 0.1, 0.1, |p| {
        let label_w = p.text_width(&label(1), SMALL_PT);
        scale = ((w - pt(6.0) - left) / max_x).min((w - pt(10.0) - label_w - left) / depth_x);
        Ok(())
    })?;
    let top = pt(6.0) + legend_h + pt(8.0);
    let height_in = (top + scale * max_y + pt(28.0)) / style::UNITS_PER_INCH;
    let svg = svg_document(name, width_in, height_in, |p| {
        let right = left + scale * max_x;
        let frame = Frame {
            left,
            top,
            right,
            bottom: top + scale * max_y,
            x: (0.0, max_x),
            y: (0.0, max_y),
        };
        let at = |p1: f64, p2: f64, p3: f64| {
            let (x, y) = project(p1, p2, p3);
            frame.p(x, y)
        };
        // The cube's edges: the three hidden behind the corner (0, 1, 0) dashed.
        let corners = |m: u8| {
            (
                f64::from(m & 1),
                f64::from((m >> 1) & 1),
                f64::from((m >> 2) & 1),
            )
        };
        for a in 0u8..8 {
            for bit in [1u8, 2, 4] {
                let b = a | bit;
                if b == a {
                    continue;
                }
                let (x0, y0, z0) = corners(a);
                let (x1, y1, z1) = corners(b);
                let pts = [at(x0, y0, z0), at(x1, y1, z1)];
                let hidden = (a == 2 && (bit == 1 || bit == 4)) || (a == 0 && bit == 2);
                if hidden {
                    p.dashed_line(&pts, &GREY, THIN, 2.0, 2.0)?;
                } else {
                    p.line(&pts, &DARK_GREY, THIN)?;
                }
            }
        }
        // Indifference walls.
        for (i, segments) in d.indifference.iter().enumerate() {
            let put = |s: (f64, f64), own: f64| -> (f64, f64) {
                let mut v = [0.0; 3];
                let others: Vec<usize> = (0..3).filter(|&k| k != i).collect();
                v[others[0]] = s.0;
                v[others[1]] = s.1;
                v[i] = own;
                at(v[0], v[1], v[2])
            };
            for own in [0.0, 1.0] {
                for s in segments {
                    p.line(&[put(s.a, own), put(s.b, own)], &colours[i], LINE)?;
                }
            }
            for s in rulings(segments) {
                p.line(&[put(s, 0.0), put(s, 1.0)], &colours[i], THIN)?;
            }
        }
        for e in &d.equilibria {
            p.dashed_line(
                &[at(e[0], e[1], e[2]), at(e[0], e[1], 0.0)],
                &GREY,
                THIN,
                1.5,
                1.5,
            )?;
            p.disc(at(e[0], e[1], e[2]), pt(2.6), &BLACK, &BLACK)?;
        }
        // Axes: player 1 along the front bottom edge, player 2 along the
        // right bottom edge, player 3 up the front left edge.
        for (v, (x, y)) in [(0.0, at(0.0, 0.0, 0.0)), (1.0, at(1.0, 0.0, 0.0))] {
            p.text(
                &v.to_string(),
                (x, y + pt(2.0)),
                SMALL_PT,
                H::Center,
                V::Top,
                false,
                &BLACK,
            )?;
        }
        let (bx, by) = at(0.5, 0.0, 0.0);
        p.text(
            &label(0),
            (bx, by + pt(10.0)),
            LABEL_PT,
            H::Center,
            V::Top,
            false,
            &BLACK,
        )?;
        let (rx, ry) = at(1.0, 1.0, 0.0);
        p.text(
            "1",
            (rx + pt(2.0), ry),
            SMALL_PT,
            H::Left,
            V::Center,
            false,
            &BLACK,
        )?;
        let (mx, my) = at(1.0, 0.5, 0.0);
        p.text(
            &label(1),
            (mx + pt(4.0), my + pt(6.0)),
            SMALL_PT,
            H::Left,
            V::Top,
            false,
            &BLACK,
        )?;
        let (tx, ty) = at(0.0, 0.0, 1.0);
        p.text(
            "1",
            (tx - pt(5.0), ty),
            SMALL_PT,
            H::Right,
            V::Center,
            false,
            &BLACK,
        )?;
        let (lx, ly) = at(0.0, 0.0, 0.5);
        p.text(
            &label(2),
            (lx - pt(6.0), ly),
            LABEL_PT,
            H::Center,
            V::Bottom,
            true,
            &BLACK,
        )?;
        legend(p, (left, pt(6.0)), &entries)?;
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}

/// A player's name for a label: `Player 2` for a bare number.
fn shown_player(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
        format!("Player {name}")
    } else {
        name.to_string()
    }
}

/// Points along an indifference curve where its wall gets a vertical
/// ruling: every eighth segment's start.
fn rulings(segments: &[Segment]) -> Vec<(f64, f64)> {
    segments.iter().step_by(8).map(|s| s.a).collect()
}

/// The gain function of a symmetric game of `n` players with two actions:
/// above, each action's payoff against the number `k` of other players
/// choosing the first action; below, the gain from choosing the first action,
/// `first(k) - second(k)`, with zero marked.
pub fn gain_figure(g: &SymmetricBinaryGame) -> Result<Figure> {
    let name = "gain_function";
    let width_in = SINGLE_COLUMN_IN;
    let height_in = 3.6;
    let n = g.players();
    let ks: Vec<f64> = (0..n).map(|k| k as f64).collect();
    let gains = g.gains();
    let colours: [RGBColor; 2] = [style::OKABE_ITO[4], style::OKABE_ITO[5]];
    let entries = [
        (
            format!("payoff of {}", g.actions[0]),
            LegendMark::Line(colours[0]),
        ),
        (
            format!("payoff of {}", g.actions[1]),
            LegendMark::Dashed(colours[1]),
        ),
    ];
    let range = |v: &[f64]| {
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        padded(lo.min(0.0), hi.max(0.0), 0.08)
    };
    let payoffs: Vec<f64> = g.first.iter().chain(&g.second).copied().collect();
    let (p_lo, p_hi) = range(&payoffs);
    let (g_lo, g_hi) = range(&gains);
    let svg = svg_document(name, width_in, height_in, |p| {
        let w = style::inches(width_in) as f64;
        let h = style::inches(height_in) as f64;
        let p_ticks = labelled_ticks(&nice_ticks(p_lo, p_hi, 5));
        let g_ticks = labelled_ticks(&nice_ticks(g_lo, g_hi, 4));
        let labels: Vec<String> = p_ticks
            .iter()
            .chain(&g_ticks)
            .map(|t| t.1.clone())
            .collect();
        let left = Frame::y_axis_width(p, &labels, true) + pt(2.0);
        let right = w - pt(10.0);
        let legend_h = pt(SMALL_PT) * 1.45 * 2.0;
        let top = pt(4.0) + legend_h + pt(6.0);
        let bottom = h - Frame::x_axis_height(true) - pt(3.0);
        let gap = pt(14.0);
        let split = top + (bottom - top - gap) * 0.6;
        let x = (-0.3, (n - 1) as f64 + 0.3);
        let upper = Frame {
            left,
            top,
            right,
            bottom: split,
            x,
            y: (p_lo, p_hi),
        };
        let lower = Frame {
            left,
            top: split + gap,
            right,
            bottom,
            x,
            y: (g_lo, g_hi),
        };
        upper.y_grid(p, &[0.0])?;
        lower.y_grid(p, &[0.0])?;
        for (k, (series, colour)) in [&g.first, &g.second].into_iter().zip(&colours).enumerate() {
            let pts: Vec<(f64, f64)> = ks
                .iter()
                .zip(series)
                .map(|(&x, &y)| upper.p(x, y))
                .collect();
            if k == 0 {
                p.line(&pts, colour, LINE)?;
            } else {
                p.dashed_line(&pts, colour, LINE, 3.0, 2.0)?;
            }
            for &q in &pts {
                p.disc(q, pt(1.8), colour, colour)?;
            }
        }
        let pts: Vec<(f64, f64)> = ks
            .iter()
            .zip(&gains)
            .map(|(&x, &y)| lower.p(x, y))
            .collect();
        p.line(&pts, &BLACK, LINE)?;
        for &q in &pts {
            p.disc(q, pt(1.8), &BLACK, &BLACK)?;
        }
        upper.draw_box(p)?;
        lower.draw_box(p)?;
        let step = ((n as f64) / 8.0).ceil().max(1.0) as usize;
        let x_ticks: Vec<(f64, String)> = (0..n)
            .step_by(step)
            .map(|k| (k as f64, k.to_string()))
            .collect();
        upper.y_axis(p, &p_ticks, "Payoff")?;
        lower.y_axis(p, &g_ticks, "Gain")?;
        lower.x_axis(
            p,
            &x_ticks,
            &format!("Other players choosing {} (of {})", g.actions[0], n - 1),
        )?;
        legend(p, (left, pt(4.0)), &entries[..1])?;
        let x2 = left + legend_width(p, std::slice::from_ref(&entries[0].0)) + pt(10.0);
        legend(p, (x2, pt(4.0)), &entries[1..])?;
        Ok(())
    })?;
    Ok(Figure {
        name: name.into(),
        svg,
    })
}
