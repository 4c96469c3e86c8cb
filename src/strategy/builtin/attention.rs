//! EvolvedAttention (Axelrod-Python 4.14's `attention.py`): a transformer
//! encoder, trained by self-play, reads the last 200 turns and decides the
//! next move (docs/model.md §10.4).
//!
//! The model is a BERT-style encoder: each of the last 200 turns is a token
//! (one of the four joint outcomes, most recent first) behind a
//! classification token; a token is its outcome embedding plus a position
//! embedding, layer-normalised; 24 layers of 8-head self-attention and a
//! GELU feed-forward block, each with a residual connection and layer
//! normalisation; the classification token's final state goes through a
//! tanh pooler and one output unit. The player defects when the sigmoid of
//! that output is at least one half. Nothing is cached between turns: the
//! tokens' positions shift every turn, so every turn runs the whole encoder,
//! about 0.1 GFLOP per token (24 layers of 256-wide projections and a
//! 512-wide feed-forward block).
//!
//! The 12,770,049 weights are Axelrod-Python's `model_attention.pth`,
//! written out as little-endian `f32` by `tools/attention_weights.py`
//! (`strategies/weights/evolved_attention.f32`) and embedded in the library.
//!
//! ## References
//! - Vaswani et al. (2017) 'Attention is all you need', NeurIPS 30.
//! - Devlin, Chang, Lee and Toutanova (2019) 'BERT: pre-training of deep
//!   bidirectional transformers for language understanding', NAACL.
//! - Hendrycks and Gimpel (2016) 'Gaussian error linear units (GELUs)',
//!   arXiv:1606.08415.
//! - Axelrod-Python 4.14, `axelrod/strategies/attention.py`
//!   (`EvolvedAttention`, `PlayerModel`, `compute_features`) and
//!   `axelrod/data/model_attention.pth` (weights by Marc-Olivier Derouin).

use super::kit::entry;
use crate::strategy::context::Context;
use crate::strategy::core::{Classifier, Strategy};
use crate::strategy::entry::Entry;
use crate::strategy::history::History;
use crate::Action::{self, C, D};
use crate::{Error, Result};
use ndarray::linalg::general_mat_mul;
use ndarray::{s, ArrayView2, ArrayViewMut2};
use std::sync::{Arc, OnceLock};

/// How many past turns the player reads (Axelrod-Python's `MEMORY_LENGTH`).
pub const MEMORY: usize = 200;
/// The width of every token's state.
const HIDDEN: usize = 256;
/// Encoder layers.
const LAYERS: usize = 24;
/// Attention heads per layer.
const HEADS: usize = 8;
/// The width of one head.
const HEAD_WIDTH: usize = HIDDEN / HEADS;
/// The width of the feed-forward block.
const INTERMEDIATE: usize = 512;
/// Token kinds: the classification and padding tokens and four outcomes.
const TOKEN_KINDS: usize = 6;
/// Positions: the classification token and [`MEMORY`] turns.
const POSITIONS: usize = MEMORY + 1;
/// Layer normalisation's epsilon.
const NORM_EPSILON: f64 = 1e-12;

/// The classification token, always first.
pub const CLS_TOKEN: u8 = 0;

/// The weights, Axelrod-Python's `model_attention.pth` as little-endian
/// `f32` in its state dict's order (see `tools/attention_weights.py`).
static WEIGHT_BYTES: &[u8] = include_bytes!("../../../strategies/weights/evolved_attention.f32");

/// The token of one turn: Axelrod-Python's `GameState` of the player's move
/// and the opponent's.
pub fn outcome_token(own: Action, opp: Action) -> u8 {
    match (own, opp) {
        (C, D) => 2,
        (D, C) => 3,
        (C, C) => 4,
        (D, D) => 5,
    }
}

/// The tokens the player reads after history `h`: the classification token,
/// then the last [`MEMORY`] turns, most recent first.
pub fn tokens(h: &History, out: &mut Vec<u8>) {
    out.clear();
    out.push(CLS_TOKEN);
    let turns = h.len();
    let from = turns.saturating_sub(MEMORY);
    for t in (from..turns).rev() {
        out.push(outcome_token(h.own()[t], h.opp()[t]));
    }
}

/// A fully connected layer, `y = x W^T + b`, with `W` stored as
/// PyTorch's `nn.Linear` stores it: one row of `inputs` weights per output.
#[derive(Debug)]
struct Linear {
    weight: Vec<f32>,
    bias: Vec<f32>,
    inputs: usize,
    outputs: usize,
}

impl Linear {
    fn read(r: &mut WeightReader<'_>, inputs: usize, outputs: usize) -> Self {
        Linear {
            weight: r.take(outputs * inputs),
            bias: r.take(outputs),
            inputs,
            outputs,
        }
    }

    /// `out = x W^T + b` for the `rows` rows of `x`.
    fn apply(&self, x: &[f32], rows: usize, out: &mut [f32]) {
        let out = &mut out[..rows * self.outputs];
        for row in out.chunks_exact_mut(self.outputs) {
            row.copy_from_slice(&self.bias);
        }
        let x = ArrayView2::from_shape((rows, self.inputs), &x[..rows * self.inputs])
            .expect("input rows");
        let w = ArrayView2::from_shape((self.outputs, self.inputs), &self.weight)
            .expect("weight shape");
        let mut y = ArrayViewMut2::from_shape((rows, self.outputs), out).expect("output rows");
        general_mat_mul(1.0, &x, &w.t(), 1.0, &mut y);
    }
}

/// Layer normalisation over each row of [`HIDDEN`] values, with a learnt
/// gain and bias.
#[derive(Debug)]
struct LayerNorm {
    gain: Vec<f32>,
    bias: Vec<f32>,
}

impl LayerNorm {
    fn read(r: &mut WeightReader<'_>) -> Self {
        LayerNorm {
            gain: r.take(HIDDEN),
            bias: r.take(HIDDEN),
        }
    }

    /// Normalises each row of `x` in place (mean 0, biased variance 1),
    /// then scales and shifts it.
    fn apply(&self, x: &mut [f32]) {
        for row in x.chunks_exact_mut(HIDDEN) {
            let n = HIDDEN as f64;
            let mean = row.iter().map(|&v| v as f64).sum::<f64>() / n;
            let var = row.iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / n;
            let scale = 1.0 / (var + NORM_EPSILON).sqrt();
            for ((v, &g), &b) in row.iter_mut().zip(&self.gain).zip(&self.bias) {
                *v = (((*v as f64 - mean) * scale) as f32) * g + b;
            }
        }
    }
}

/// One encoder layer: self-attention and a feed-forward block, each added
/// to its input and layer-normalised.
#[derive(Debug)]
struct EncoderLayer {
    query: Linear,
    key: Linear,
    value: Linear,
    attention_output: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
}

impl EncoderLayer {
    fn read(r: &mut WeightReader<'_>) -> Self {
        EncoderLayer {
            query: Linear::read(r, HIDDEN, HIDDEN),
            key: Linear::read(r, HIDDEN, HIDDEN),
            value: Linear::read(r, HIDDEN, HIDDEN),
            attention_output: Linear::read(r, HIDDEN, HIDDEN),
            attention_norm: LayerNorm::read(r),
            intermediate: Linear::read(r, HIDDEN, INTERMEDIATE),
            output: Linear::read(r, INTERMEDIATE, HIDDEN),
            output_norm: LayerNorm::read(r),
        }
    }

    /// Runs the layer on the `rows` token states in `w.state`, in place.
    fn apply(&self, rows: usize, w: &mut Workspace) {
        let n = rows * HIDDEN;
        self.query.apply(&w.state, rows, &mut w.query);
        self.key.apply(&w.state, rows, &mut w.key);
        self.value.apply(&w.state, rows, &mut w.value);
        let scale = 1.0 / (HEAD_WIDTH as f32).sqrt();
        let q = ArrayView2::from_shape((rows, HIDDEN), &w.query[..n]).expect("rows");
        let k = ArrayView2::from_shape((rows, HIDDEN), &w.key[..n]).expect("rows");
        let v = ArrayView2::from_shape((rows, HIDDEN), &w.value[..n]).expect("rows");
        let mut context =
            ArrayViewMut2::from_shape((rows, HIDDEN), &mut w.context[..n]).expect("rows");
        for head in 0..HEADS {
            let cols = s![.., head * HEAD_WIDTH..(head + 1) * HEAD_WIDTH];
            let mut scores = ArrayViewMut2::from_shape((rows, rows), &mut w.scores[..rows * rows])
                .expect("rows");
            general_mat_mul(scale, &q.slice(cols), &k.slice(cols).t(), 0.0, &mut scores);
            for mut row in scores.rows_mut() {
                let max = row.iter().fold(f32::NEG_INFINITY, |m, &x| m.max(x));
                let mut sum = 0.0;
                for x in row.iter_mut() {
                    *x = (*x - max).exp();
                    sum += *x;
                }
                row.mapv_inplace(|x| x / sum);
            }
            general_mat_mul(
                1.0,
                &scores.view(),
                &v.slice(cols),
                0.0,
                &mut context.slice_mut(cols),
            );
        }
        // Attention output, residual, normalisation: `attended`.
        self.attention_output
            .apply(&w.context, rows, &mut w.attended);
        for (a, &x) in w.attended[..n].iter_mut().zip(&w.state[..n]) {
            *a += x;
        }
        self.attention_norm.apply(&mut w.attended[..n]);
        // Feed-forward block with GELU, residual, normalisation.
        self.intermediate
            .apply(&w.attended, rows, &mut w.intermediate);
        for x in &mut w.intermediate[..rows * INTERMEDIATE] {
            *x = gelu(*x);
        }
        self.output.apply(&w.intermediate, rows, &mut w.state);
        for (s, &a) in w.state[..n].iter_mut().zip(&w.attended[..n]) {
            *s += a;
        }
        self.output_norm.apply(&mut w.state[..n]);
    }
}

/// The exact GELU, `x Φ(x) = x (1 + erf(x / √2)) / 2`, as PyTorch's
/// `nn.functional.gelu` computes it by default.
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + libm::erff(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// Reads consecutive tensors out of the weights' little-endian bytes,
/// noting whether any weight is not finite.
struct WeightReader<'a> {
    bytes: &'a [u8],
    not_finite: Option<f32>,
}

impl WeightReader<'_> {
    fn take(&mut self, n: usize) -> Vec<f32> {
        let (head, rest) = self.bytes.split_at(4 * n);
        self.bytes = rest;
        let floats: Vec<f32> = head
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes")))
            .collect();
        if let Some(&w) = floats.iter().find(|w| !w.is_finite()) {
            self.not_finite.get_or_insert(w);
        }
        floats
    }
}

/// The buffers one forward pass writes, sized for [`POSITIONS`] tokens and
/// kept by each player so that a turn allocates nothing.
#[derive(Debug, Clone)]
pub struct Workspace {
    state: Vec<f32>,
    query: Vec<f32>,
    key: Vec<f32>,
    value: Vec<f32>,
    context: Vec<f32>,
    attended: Vec<f32>,
    intermediate: Vec<f32>,
    scores: Vec<f32>,
    pooled: Vec<f32>,
    logit: Vec<f32>,
}

impl Default for Workspace {
    fn default() -> Self {
        let wide = vec![0.0; POSITIONS * HIDDEN];
        Workspace {
            state: wide.clone(),
            query: wide.clone(),
            key: wide.clone(),
            value: wide.clone(),
            context: wide.clone(),
            attended: wide,
            intermediate: vec![0.0; POSITIONS * INTERMEDIATE],
            scores: vec![0.0; POSITIONS * POSITIONS],
            pooled: vec![0.0; HIDDEN],
            logit: vec![0.0; 1],
        }
    }
}

/// The EvolvedAttention network: embeddings, 24 encoder layers, the pooler
/// and the action unit.
#[derive(Debug)]
pub struct AttentionModel {
    token_embeddings: Vec<f32>,
    position_embeddings: Vec<f32>,
    embedding_norm: LayerNorm,
    layers: Vec<EncoderLayer>,
    pooler: Linear,
    action: Linear,
}

impl AttentionModel {
    /// How many weights the model has.
    pub const WEIGHTS: usize = TOKEN_KINDS * HIDDEN
        + POSITIONS * HIDDEN
        + 2 * HIDDEN
        + LAYERS
            * (4 * (HIDDEN * HIDDEN + HIDDEN)
                + 2 * HIDDEN
                + (HIDDEN * INTERMEDIATE + INTERMEDIATE)
                + (INTERMEDIATE * HIDDEN + HIDDEN)
                + 2 * HIDDEN)
        + (HIDDEN * HIDDEN + HIDDEN)
        + (HIDDEN + 1);

    /// The model from its weights as little-endian `f32`, in the order of
    /// Axelrod-Python's state dict. An error unless there are exactly
    /// [`Self::WEIGHTS`] of them, all finite.
    pub fn from_le_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() != 4 * Self::WEIGHTS {
            return Err(Error::invalid_parameter(
                "attention weights",
                bytes.len() as f64,
                format!(
                    "{} bytes ({} little-endian f32)",
                    4 * Self::WEIGHTS,
                    Self::WEIGHTS
                ),
            ));
        }
        let mut r = WeightReader {
            bytes,
            not_finite: None,
        };
        let model = AttentionModel {
            token_embeddings: r.take(TOKEN_KINDS * HIDDEN),
            position_embeddings: r.take(POSITIONS * HIDDEN),
            embedding_norm: LayerNorm::read(&mut r),
            layers: (0..LAYERS).map(|_| EncoderLayer::read(&mut r)).collect(),
            pooler: Linear::read(&mut r, HIDDEN, HIDDEN),
            action: Linear::read(&mut r, HIDDEN, 1),
        };
        debug_assert!(r.bytes.is_empty());
        match r.not_finite {
            Some(w) => Err(Error::invalid_parameter(
                "attention weights",
                w as f64,
                "finite numbers",
            )),
            None => Ok(model),
        }
    }

    /// The model embedded in the library, read once per process and shared.
    pub fn embedded() -> Arc<AttentionModel> {
        static MODEL: OnceLock<Arc<AttentionModel>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                Arc::new(
                    AttentionModel::from_le_bytes(WEIGHT_BYTES)
                        .expect("the embedded EvolvedAttention weights have the model's layout"),
                )
            })
            .clone()
    }

    /// The network's output (before the sigmoid) for `tokens`: a
    /// classification token then at most [`MEMORY`] outcome tokens. The
    /// player defects when it is at least 0.
    ///
    /// # Panics
    /// If there are no tokens, more than [`POSITIONS`], or a token is not
    /// below 6.
    pub fn logit(&self, tokens: &[u8], w: &mut Workspace) -> f32 {
        let rows = tokens.len();
        assert!(
            (1..=POSITIONS).contains(&rows),
            "between 1 and {POSITIONS} tokens"
        );
        for (i, &t) in tokens.iter().enumerate() {
            let t = t as usize;
            assert!(t < TOKEN_KINDS, "token {t} is not below {TOKEN_KINDS}");
            let token = &self.token_embeddings[t * HIDDEN..(t + 1) * HIDDEN];
            let position = &self.position_embeddings[i * HIDDEN..(i + 1) * HIDDEN];
            for ((s, &a), &b) in w.state[i * HIDDEN..(i + 1) * HIDDEN]
                .iter_mut()
                .zip(token)
                .zip(position)
            {
                *s = a + b;
            }
        }
        self.embedding_norm.apply(&mut w.state[..rows * HIDDEN]);
        for layer in &self.layers {
            layer.apply(rows, w);
        }
        self.pooler.apply(&w.state[..HIDDEN], 1, &mut w.pooled);
        for x in &mut w.pooled {
            *x = x.tanh();
        }
        self.action.apply(&w.pooled, 1, &mut w.logit);
        w.logit[0]
    }
}

/// EvolvedAttention: the transformer above, over the last 200 turns;
/// defects when the sigmoid of its output is at least 0.5, as
/// Axelrod-Python's `EvolvedAttention` does. Deterministic, memory 200.
/// The model and its buffers are taken on the first move, so that listing
/// or creating the player costs nothing. Source: Axelrod-Python
/// `EvolvedAttention` (Marc-Olivier Derouin).
#[derive(Debug, Clone, Default)]
pub struct EvolvedAttention {
    engine: Option<Box<Engine>>,
}

/// What a playing [`EvolvedAttention`] holds.
#[derive(Debug, Clone)]
struct Engine {
    model: Arc<AttentionModel>,
    tokens: Vec<u8>,
    work: Workspace,
}

impl Strategy for EvolvedAttention {
    fn name(&self) -> &str {
        "EvolvedAttention"
    }
    fn classifier(&self) -> Classifier {
        Classifier::deterministic(Some(MEMORY as u32))
    }
    fn reset(&mut self) {}
    fn next_action(&mut self, h: &History, _ctx: &mut Context<'_>) -> Action {
        let engine = self.engine.get_or_insert_with(|| {
            Box::new(Engine {
                model: AttentionModel::embedded(),
                tokens: Vec::with_capacity(POSITIONS),
                work: Workspace::default(),
            })
        });
        tokens(h, &mut engine.tokens);
        let logit = engine.model.logit(&engine.tokens, &mut engine.work);
        // Axelrod-Python: `C if sigmoid(logit) < 0.5 else D`, in f32.
        if 1.0 / (1.0 + (-logit).exp()) < 0.5 {
            C
        } else {
            D
        }
    }
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

/// The entries of this family.
#[rustfmt::skip]
pub(crate) fn entries() -> Vec<Entry> {
    vec![
        entry(EvolvedAttention::default(), &["Evolved Attention"],
            "A 24-layer transformer over the last 200 turns, trained by self-play.",
            "Axelrod-Python EvolvedAttention (Marc-Olivier Derouin)").long_running(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_weights_have_the_models_layout() {
        assert_eq!(WEIGHT_BYTES.len(), 4 * AttentionModel::WEIGHTS);
        assert_eq!(AttentionModel::WEIGHTS, 12_770_049);
        let model = AttentionModel::embedded();
        assert_eq!(model.layers.len(), LAYERS);
        assert_eq!(model.action.outputs, 1);
    }

    #[test]
    fn weights_of_the_wrong_size_or_not_finite_are_refused() {
        let short = AttentionModel::from_le_bytes(&WEIGHT_BYTES[4..]).unwrap_err();
        assert!(short.to_string().contains("51080196 bytes"), "{short}");
        let mut bad = WEIGHT_BYTES.to_vec();
        bad[400..404].copy_from_slice(&f32::NAN.to_le_bytes());
        let nan = AttentionModel::from_le_bytes(&bad).unwrap_err();
        assert!(nan.to_string().contains("finite"), "{nan}");
    }

    #[test]
    fn tokens_are_the_last_200_outcomes_most_recent_first() {
        let own: Vec<Action> = (0..230).map(|t| if t % 3 == 0 { D } else { C }).collect();
        let opp: Vec<Action> = (0..230).map(|t| if t % 2 == 0 { C } else { D }).collect();
        let mut out = Vec::new();
        tokens(&History::new(), &mut out);
        assert_eq!(out, [CLS_TOKEN]);
        tokens(&History::from_moves(&own[..3], &opp[..3]), &mut out);
        // Turns 2, 1, 0: (C, C), (C, D), (D, C).
        assert_eq!(out, [CLS_TOKEN, 4, 2, 3]);
        tokens(&History::from_moves(&own, &opp), &mut out);
        assert_eq!(out.len(), POSITIONS);
        assert_eq!(out[1], outcome_token(own[229], opp[229]));
        assert_eq!(out[200], outcome_token(own[30], opp[30]));
    }

    #[test]
    fn gelu_is_x_times_the_normal_cdf() {
        // Φ(1) = 0.841344746, Φ(-2) = 0.022750132.
        assert!((gelu(1.0) - 0.841_344_7).abs() < 1e-6);
        assert!((gelu(-2.0) + 2.0 * 0.022_750_132).abs() < 1e-6);
        assert_eq!(gelu(0.0), 0.0);
    }

    #[test]
    fn layer_norm_gives_each_row_mean_zero_and_unit_variance() {
        let norm = LayerNorm {
            gain: vec![1.0; HIDDEN],
            bias: vec![0.0; HIDDEN],
        };
        let mut x: Vec<f32> = (0..2 * HIDDEN)
            .map(|i| (i as f32 * 0.37).sin() * 5.0 + 2.0)
            .collect();
        norm.apply(&mut x);
        for row in x.chunks_exact(HIDDEN) {
            let mean = row.iter().map(|&v| v as f64).sum::<f64>() / HIDDEN as f64;
            let var = row.iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / HIDDEN as f64;
            assert!(
                mean.abs() < 1e-6 && (var - 1.0).abs() < 1e-5,
                "{mean} {var}"
            );
        }
    }

    #[test]
    fn linear_is_x_times_w_transposed_plus_b() {
        let layer = Linear {
            weight: vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            bias: vec![0.5, -1.0],
            inputs: 3,
            outputs: 2,
        };
        let mut out = [0.0; 4];
        layer.apply(&[1.0, 0.0, -1.0, 2.0, 1.0, 0.0], 2, &mut out);
        assert_eq!(
            out,
            [
                1.0 - 3.0 + 0.5,
                4.0 - 6.0 - 1.0,
                2.0 + 2.0 + 0.5,
                8.0 + 5.0 - 1.0
            ]
        );
    }
}
