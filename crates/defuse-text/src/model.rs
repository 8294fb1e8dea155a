//! The learned classifier: a hashed-feature multinomial logistic regression with several heads
//! (sentiment: negative/neutral/positive; toxicity: clean/toxic) over one weight table, so a
//! feature's weights for every head share a cache line.
//!
//! Weights are laid out `[bucket][idf, head classes…]`: the bucket's inverse document frequency
//! sits beside its weights, so one cache line serves a feature. A model being trained holds them
//! as `f32`; a model loaded from a file re-quantizes the file's 16-bit values to 8 bits per lane
//! in 8-byte rows (when its heads fit), so the 2^20-bucket table is 8 MiB instead of 24 MiB as
//! `f32` — the table is larger than the caches otherwise, and its cache misses were most of the
//! prediction's cost. A text's feature values are TF-IDF, L2-normalized. Each head has a
//! temperature (calibration, fitted on held-out data so that probabilities mean what they say)
//! and, for two-class heads, a decision threshold.
//!
//! File format (little endian): `DEFUSEMD` magic, u32 format version, u32 header length, the
//! header as JSON ([`ModelHeader`]), then per bucket the idf as i16 (×1/1000) and the weights
//! of every head as i16, each head scaled by its own `scale` (weight = i16 × scale). Loading checks the magic, the versions and the sizes.

use crate::features::{CHAR_TAG, FEATURES_VERSION, Features, TITLE_TAG};
use serde::{Deserialize, Serialize};

const MAGIC: &[u8; 8] = b"DEFUSEMD";
const FORMAT_VERSION: u32 = 1;

/// Most classes a head may have.
pub const MAX_CLASSES: usize = 4;

/// Why a model file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a defuse model file (bad magic)")]
    BadMagic,
    #[error("model format version {0} is not supported (expected {FORMAT_VERSION})")]
    FormatVersion(u32),
    #[error("model was built with feature scheme {0}, this defuse uses {FEATURES_VERSION}")]
    FeaturesVersion(u32),
    #[error("model file is truncated or its sizes do not match its header")]
    Truncated,
    #[error("model header is invalid: {0}")]
    Header(String),
}

/// One classifier head.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct HeadSpec {
    /// "sentiment" or "toxicity".
    pub name: String,
    /// Class names in output order.
    pub classes: Vec<String>,
    /// Softmax temperature fitted on held-out data (1 = uncalibrated).
    pub temperature: f32,
    /// For two-class heads: the probability of class 1 above which it is predicted.
    pub threshold: f32,
    /// Per-language thresholds (`ru`, `en`…) where held-out data allowed fitting one.
    #[serde(default)]
    pub thresholds: std::collections::BTreeMap<String, f32>,
    /// Per-language logit offsets of multi-class heads, fitted on held-out data to maximize
    /// macro F1 (the class priors differ between languages and sources).
    #[serde(default)]
    pub offsets: std::collections::BTreeMap<String, Vec<f32>>,
    /// Quantization scale of this head's weights in the file.
    #[serde(default)]
    pub scale: f32,
}

/// What the file says about itself.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ModelHeader {
    pub features_version: u32,
    /// log2 of the number of hash buckets.
    pub bits: u8,
    pub heads: Vec<HeadSpec>,
    /// Weights of the word-level group and the character n-gram group when each is
    /// L2-normalized on its own (as scikit-learn's `FeatureUnion` of a word and a character
    /// vectorizer does, so the many n-grams do not drown the few words); a title's own words
    /// (`features::TITLE_TAG`) form a third group, normalized apart with the word weight.
    /// `None`: one norm over all features.
    #[serde(default)]
    pub group_weights: Option<[f32; 2]>,
    /// Buckets seen in fewer training texts than this get idf 0: features never (or hardly
    /// ever) seen in training are ignored instead of diluting the known ones, as a vocabulary
    /// with `min_df` does. 0 keeps every bucket.
    #[serde(default)]
    pub min_df: u32,
    /// The languages whose titles the model learned (`features::TITLE_TAG` features): a title
    /// in another language is read as part of the text only, since its own features would
    /// carry nothing but the weights of other features sharing their buckets. Set by
    /// `defuse train` from the training rows (at least `MIN_TITLED_ROWS` titled rows a
    /// language).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_langs: Vec<String>,
    /// Free-form training record: data files, sizes, held-out figures.
    #[serde(default)]
    pub trained: serde_json::Value,
}

/// A loaded model.
#[derive(Debug, Clone)]
pub struct Model {
    pub header: ModelHeader,
    offsets: Vec<usize>,
    stride: usize,
    table: Table,
}

/// Room for the idf and the weights of all heads in one packed row.
const ROW: usize = 8;
/// Most values per bucket (idf and all heads' classes) a model may have.
const MAX_STRIDE: usize = 16;

/// One bucket of a loaded model: the idf and the head weights, re-quantized to 8 bits per lane
/// (8 bytes a bucket: the 2^20-bucket table is 8 MiB and mostly stays in the last-level cache).
/// Measured against the file's 16-bit values on every held-out set: within ±0.003 macro F1,
/// inside the retrain noise (0.015).
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(8))]
struct Row8([i8; ROW]);

/// The weight table, in the form its use needs.
#[derive(Debug, Clone)]
enum Table {
    /// Training: `f32`, `stride` values per bucket.
    F32(Vec<f32>),
    /// Loaded: value = i8 × `scales[lane]`; bucket `b` is `rows[base + b]` (`base` aligns the
    /// table to a huge page, see [`huge_page_rows`]).
    I8 {
        rows: Vec<Row8>,
        base: usize,
        scales: [f32; ROW],
    },
}

/// Probabilities of one head (first `n` entries are meaningful).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Probs {
    pub p: [f32; MAX_CLASSES],
    pub n: usize,
}

impl Probs {
    pub fn as_slice(&self) -> &[f32] {
        &self.p[..self.n]
    }
    pub fn argmax(&self) -> usize {
        let mut best = 0;
        for i in 1..self.n {
            if self.p[i] > self.p[best] {
                best = i;
            }
        }
        best
    }
}

impl Model {
    /// A zero model with the given heads (for training).
    pub fn new(bits: u8, heads: Vec<HeadSpec>) -> Self {
        let mut offsets = Vec::new();
        let mut stride = 1; // the idf
        for h in &heads {
            offsets.push(stride);
            stride += h.classes.len();
        }
        assert!(
            stride <= MAX_STRIDE,
            "a model holds at most {MAX_STRIDE} values per bucket"
        );
        let buckets = 1usize << bits;
        let mut weights = vec![0.0; buckets * stride];
        for b in 0..buckets {
            weights[b * stride] = 1.0;
        }
        Model {
            header: ModelHeader {
                features_version: FEATURES_VERSION,
                bits,
                heads,
                group_weights: None,
                min_df: 0,
                title_langs: Vec::new(),
                trained: serde_json::Value::Null,
            },
            offsets,
            stride,
            table: Table::F32(weights),
        }
    }

    /// The `f32` table for training, unpacking a loaded model's first.
    fn weights_f32(&mut self) -> &mut Vec<f32> {
        if let Table::I8 { .. } = self.table {
            let buckets = 1usize << self.header.bits;
            let mut w = vec![0f32; buckets * self.stride];
            for b in 0..buckets {
                let r = self.row(b);
                w[b * self.stride..(b + 1) * self.stride].copy_from_slice(&r[..self.stride]);
            }
            self.table = Table::F32(w);
        }
        match &mut self.table {
            Table::F32(w) => w,
            Table::I8 { .. } => unreachable!("unpacked above"),
        }
    }

    /// One bucket's values (idf, then every head's weights), as `f32`; lanes past the stride
    /// are 0.
    #[inline]
    fn row(&self, b: usize) -> [f32; MAX_STRIDE] {
        let mut out = [0f32; MAX_STRIDE];
        match &self.table {
            Table::F32(w) => {
                let n = self.stride.min(MAX_STRIDE);
                out[..n].copy_from_slice(&w[b * self.stride..b * self.stride + n]);
            }
            Table::I8 { rows, base, scales } => {
                for ((o, &q), &s) in out.iter_mut().zip(&rows[base + b].0).zip(scales) {
                    *o = f32::from(q) * s;
                }
            }
        }
        out
    }

    /// Set each bucket's inverse document frequency from training documents (smoothed as
    /// scikit-learn does: ln((1 + n) / (1 + df)) + 1).
    pub fn fit_idf<'a>(&mut self, docs: impl Iterator<Item = &'a [u64]>) {
        let buckets = 1usize << self.header.bits;
        let mut df = vec![0u32; buckets];
        let mut seen = Vec::new();
        let mut n = 0u32;
        for d in docs {
            n += 1;
            seen.clear();
            seen.extend(d.iter().map(|&h| self.bucket(h)));
            seen.sort_unstable();
            seen.dedup();
            for &b in &seen {
                df[b] += 1;
            }
        }
        let stride = self.stride;
        let min_df = self.header.min_df;
        let weights = self.weights_f32();
        for (b, &d) in df.iter().enumerate() {
            weights[b * stride] = if d < min_df {
                0.0
            } else {
                ((1.0 + n as f32) / (1.0 + d as f32)).ln() + 1.0
            };
        }
    }

    /// The TF-IDF values of a text's features (L2-normalized), into `out`, with their buckets.
    pub fn values(&self, hashes: &[u64], buckets: &mut Vec<usize>, out: &mut Vec<f32>) {
        buckets.clear();
        out.clear();
        let mut sq = [0f32; GROUPS];
        for &h in hashes {
            let b = self.bucket(h);
            let idf = self.row(b)[0];
            buckets.push(b);
            out.push(idf);
            sq[group(h)] += idf * idf;
        }
        let norm = self.group_norms(sq);
        for (v, &h) in out.iter_mut().zip(hashes) {
            *v *= norm[group(h)];
        }
    }

    /// The factor each group's TF-IDF values are multiplied by, from the sums of their squares.
    #[inline]
    fn group_norms(&self, sq: [f32; GROUPS]) -> [f32; GROUPS] {
        let inv = |s: f32| if s > 0.0 { 1.0 / s.sqrt() } else { 0.0 };
        match self.header.group_weights {
            Some([w, c]) => [w * inv(sq[0]), c * inv(sq[1]), w * inv(sq[2])],
            None => {
                let n = inv(sq[0] + sq[1] + sq[2]);
                [n, n, n]
            }
        }
    }

    /// Whether the model learned the titles of texts in `lang` (see `ModelHeader::title_langs`).
    pub fn reads_titles(&self, lang: &str) -> bool {
        self.header.title_langs.iter().any(|l| l == lang)
    }

    /// The decision threshold of a two-class head for a language.
    pub fn threshold(&self, head: usize, lang: &str) -> f32 {
        let h = &self.header.heads[head];
        h.thresholds.get(lang).copied().unwrap_or(h.threshold)
    }

    pub fn head_index(&self, name: &str) -> Option<usize> {
        self.header.heads.iter().position(|h| h.name == name)
    }

    pub fn head(&self, i: usize) -> &HeadSpec {
        &self.header.heads[i]
    }

    pub fn head_mut(&mut self, i: usize) -> &mut HeadSpec {
        &mut self.header.heads[i]
    }

    #[inline]
    fn mask(&self) -> u64 {
        (1u64 << self.header.bits) - 1
    }

    /// The bucket of a feature hash.
    #[inline]
    pub fn bucket(&self, h: u64) -> usize {
        ((h ^ (h >> 29)) & self.mask()) as usize
    }

    /// Raw logits of a head (before temperature).
    pub fn logits(&self, head: usize, f: &Features, out: &mut [f32; MAX_CLASSES]) -> usize {
        let n = self.header.heads[head].classes.len();
        let off = self.offsets[head];
        *out = [0.0; MAX_CLASSES];
        let mut sq = [0f32; GROUPS];
        let mut sums = [[0f32; MAX_CLASSES]; GROUPS];
        for &h in &f.hashes {
            let r = self.row(self.bucket(h));
            let idf = r[0];
            let g = group(h);
            sq[g] += idf * idf;
            for k in 0..n {
                sums[g][k] += r[off + k] * idf;
            }
        }
        let norm = self.group_norms(sq);
        for (k, o) in out.iter_mut().enumerate().take(n) {
            *o = sums[0][k] * norm[0] + sums[1][k] * norm[1] + sums[2][k] * norm[2];
        }
        n
    }

    /// Ask for the table rows of `f`'s features (a hint; no effect on results), so that
    /// their memory latency overlaps other work done before `predict_all`.
    pub fn prefetch(&self, f: &Features) {
        if let Table::I8 { rows, base, .. } = &self.table {
            let rows = rows.get(*base..).unwrap_or(&[]);
            for &h in &f.hashes {
                if let Some(r) = rows.get(self.bucket(h)) {
                    prefetch(r);
                }
            }
        }
    }

    /// Calibrated probabilities of every head, in one pass over the features (one cache line per
    /// feature serves all heads).
    pub fn predict_all(&self, f: &Features, lang: &str) -> Vec<Probs> {
        // Sums per group (word-level, character n-grams, title), normalized apart at the end.
        let mut acc = [[0f32; 16]; GROUPS];
        let mut sq = [0f32; GROUPS];
        // The table is larger than the caches: ask for the rows a few features ahead, so the
        // memory latency of one overlaps the arithmetic of the others.
        const AHEAD: usize = 24;
        match &self.table {
            Table::I8 { rows, base, scales } => {
                let rows = rows.get(*base..).unwrap_or(&[]);
                // Sum in quantized units (idf × q), scale once at the end.
                // Sets of accumulators picked by a branch rather than an index, so they stay
                // in registers; features come word-level first, then n-grams, then a title's
                // (`Features::extract`, `add_title`), so the branch is predicted right but
                // once or twice.
                let (mut s0, mut s1, mut s2) = ([0f32; ROW], [0f32; ROW], [0f32; ROW]);
                let (mut q0, mut q1, mut q2) = (0f32, 0f32, 0f32);
                for (i, &h) in f.hashes.iter().enumerate() {
                    if let Some(&next) = f.hashes.get(i + AHEAD) {
                        prefetch(&rows[self.bucket(next)]);
                    }
                    let r = &rows[self.bucket(h)].0;
                    let idf = f32::from(r[0]) * scales[0];
                    let (acc_g, sq_g) = match group(h) {
                        0 => (&mut s0, &mut q0),
                        1 => (&mut s1, &mut q1),
                        _ => (&mut s2, &mut q2),
                    };
                    *sq_g += idf * idf;
                    for (a, &q) in acc_g.iter_mut().zip(r) {
                        *a += f32::from(q) * idf;
                    }
                }
                sq = [q0, q1, q2];
                for (a, sum) in acc.iter_mut().zip([s0, s1, s2]) {
                    for k in 1..self.stride.min(ROW) {
                        a[k - 1] = sum[k] * scales[k];
                    }
                }
            }
            Table::F32(weights) => {
                let width = (self.stride - 1).min(16);
                for (i, &h) in f.hashes.iter().enumerate() {
                    if let Some(&next) = f.hashes.get(i + AHEAD) {
                        prefetch(&weights[self.bucket(next) * self.stride]);
                    }
                    let row = self.bucket(h) * self.stride;
                    let r = &weights[row..row + 1 + width];
                    let idf = r[0];
                    let g = group(h);
                    sq[g] += idf * idf;
                    for (a, w) in acc[g].iter_mut().zip(&r[1..]) {
                        *a += w * idf;
                    }
                }
            }
        }
        let norm = self.group_norms(sq);
        self.header
            .heads
            .iter()
            .zip(&self.offsets)
            .map(|(h, &off)| {
                let n = h.classes.len();
                let mut l = [0f32; MAX_CLASSES];
                let offsets = h.offsets.get(lang);
                for (k, lk) in l.iter_mut().enumerate().take(n) {
                    let o = offsets.and_then(|o| o.get(k)).copied().unwrap_or(0.0);
                    let at = off - 1 + k;
                    let a: [f32; GROUPS] =
                        std::array::from_fn(|g| acc[g].get(at).copied().unwrap_or(0.0));
                    *lk = a[0] * norm[0] + a[1] * norm[1] + a[2] * norm[2] + o;
                }
                softmax(&mut l[..n], 1.0 / h.temperature.max(1e-3));
                Probs { p: l, n }
            })
            .collect()
    }

    /// Calibrated probabilities of a head.
    pub fn predict(&self, head: usize, f: &Features) -> Probs {
        let mut l = [0.0; MAX_CLASSES];
        let n = self.logits(head, f, &mut l);
        let t = self.header.heads[head].temperature.max(1e-3);
        softmax(&mut l[..n], 1.0 / t);
        Probs { p: l, n }
    }

    /// Per-feature contribution to each class of a head: (feature index, contributions).
    pub fn contributions(&self, head: usize, f: &Features) -> Vec<(usize, [f32; MAX_CLASSES])> {
        let n = self.header.heads[head].classes.len();
        let off = self.offsets[head];
        let (mut buckets, mut vals) = (Vec::new(), Vec::new());
        self.values(&f.hashes, &mut buckets, &mut vals);
        buckets
            .iter()
            .zip(&vals)
            .enumerate()
            .map(|(i, (&b, &v))| {
                let r = self.row(b);
                let mut c = [0.0; MAX_CLASSES];
                for (ck, w) in c.iter_mut().zip(&r[off..off + n]) {
                    *ck = w * v;
                }
                (i, c)
            })
            .collect()
    }

    /// Mutable access to a head's weights for one bucket (training).
    pub(crate) fn weights_mut(&mut self, head: usize, bucket: usize) -> &mut [f32] {
        let n = self.header.heads[head].classes.len();
        let base = bucket * self.stride + self.offsets[head];
        &mut self.weights_f32()[base..base + n]
    }

    /// Serialize to the file format described in the module doc.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut header = self.header.clone();
        // Per-head scale: the largest |weight| maps to i16::MAX.
        let buckets = 1usize << header.bits;
        for (hi, h) in header.heads.iter_mut().enumerate() {
            let off = self.offsets[hi];
            let mut max = 0f32;
            for b in 0..buckets {
                let r = self.row(b);
                for k in 0..h.classes.len() {
                    max = max.max(r[off + k].abs());
                }
            }
            h.scale = if max > 0.0 {
                max / f32::from(i16::MAX)
            } else {
                1.0
            };
        }
        let json = serde_json::to_vec(&header).unwrap_or_default();
        let mut out = Vec::with_capacity(16 + json.len() + buckets * self.stride * 2);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(json.len() as u32).to_le_bytes());
        out.extend_from_slice(&json);
        for b in 0..buckets {
            let r = self.row(b);
            let idf = (r[0] * 1000.0).round().clamp(0.0, 32767.0) as i16;
            out.extend_from_slice(&idf.to_le_bytes());
            for (hi, h) in header.heads.iter().enumerate() {
                for k in 0..h.classes.len() {
                    let w = r[self.offsets[hi] + k];
                    let q = (w / h.scale).round().clamp(-32767.0, 32767.0) as i16;
                    out.extend_from_slice(&q.to_le_bytes());
                }
            }
        }
        out
    }

    /// Parse the file format described in the module doc.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < 16 || &bytes[..8] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let u32_at = |i: usize| -> u32 {
            let mut a = [0u8; 4];
            a.copy_from_slice(&bytes[i..i + 4]);
            u32::from_le_bytes(a)
        };
        let version = u32_at(8);
        if version != FORMAT_VERSION {
            return Err(ModelError::FormatVersion(version));
        }
        let hlen = u32_at(12) as usize;
        let body = 16usize.checked_add(hlen).ok_or(ModelError::Truncated)?;
        let json = bytes.get(16..body).ok_or(ModelError::Truncated)?;
        let header: ModelHeader =
            serde_json::from_slice(json).map_err(|e| ModelError::Header(e.to_string()))?;
        if header.features_version != FEATURES_VERSION {
            return Err(ModelError::FeaturesVersion(header.features_version));
        }
        if header.bits == 0 || header.bits > 26 {
            return Err(ModelError::Header(format!(
                "bits {} out of range",
                header.bits
            )));
        }
        if header.heads.is_empty()
            || header
                .heads
                .iter()
                .any(|h| h.classes.len() < 2 || h.classes.len() > MAX_CLASSES)
        {
            return Err(ModelError::Header("each head needs 2 to 4 classes".into()));
        }
        if let Some(w) = header.group_weights
            && w.iter().any(|x| !x.is_finite() || *x < 0.0)
        {
            return Err(ModelError::Header(format!(
                "group_weights {w:?}: each must be a finite number ≥ 0"
            )));
        }
        // Check the size the header implies against the bytes present before allocating, so
        // a hostile header cannot ask for more memory than the file itself occupies.
        let stride = 1 + header.heads.iter().map(|h| h.classes.len()).sum::<usize>();
        if stride > MAX_STRIDE {
            return Err(ModelError::Header(format!(
                "{} values per bucket; at most {MAX_STRIDE} are supported",
                stride
            )));
        }
        let need = (1usize << header.bits)
            .checked_mul(stride)
            .and_then(|n| n.checked_mul(2))
            .ok_or(ModelError::Truncated)?;
        let data = bytes.get(body..).ok_or(ModelError::Truncated)?;
        if data.len() != need {
            return Err(ModelError::Truncated);
        }
        let buckets = 1usize << header.bits;
        let mut offsets = Vec::with_capacity(header.heads.len());
        let mut at = 1;
        for h in &header.heads {
            offsets.push(at);
            at += h.classes.len();
        }
        // Lane scales: the idf is stored ×1000, each head's weights × its own scale.
        let mut lane_scale = vec![1.0 / 1000.0];
        for h in &header.heads {
            lane_scale.extend(std::iter::repeat_n(h.scale, h.classes.len()));
        }
        let values = data
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]));
        let table = if stride <= ROW {
            // Per lane, the largest magnitude maps to 127.
            let mut max = [0i32; ROW];
            for (i, q) in values.clone().enumerate() {
                let lane = i % stride;
                max[lane] = max[lane].max(i32::from(q).abs());
            }
            let mut scales = [0f32; ROW];
            for lane in 0..stride {
                scales[lane] = lane_scale[lane] * max[lane].max(1) as f32 / 127.0;
            }
            let (mut rows, base) = huge_page_rows(buckets);
            // Each lane's i16 → i8 map as a table (the same arithmetic, done once per distinct
            // value instead of once per bucket: loading is part of every short run).
            let requant = |lane: usize, q: i16| -> i8 {
                let v = (f32::from(q) * 127.0 / max[lane].max(1) as f32).round();
                v.clamp(-127.0, 127.0) as i8
            };
            let mut lut = vec![0i8; stride << 16];
            for lane in 0..stride {
                for (u, slot) in lut[lane << 16..(lane + 1) << 16].iter_mut().enumerate() {
                    *slot = requant(lane, u as u16 as i16);
                }
            }
            for (b, chunk) in data.chunks_exact(2 * stride).enumerate() {
                let row = &mut rows[base + b].0;
                for (lane, c) in chunk.chunks_exact(2).enumerate() {
                    row[lane] = lut[lane << 16 | usize::from(u16::from_le_bytes([c[0], c[1]]))];
                }
            }
            Table::I8 { rows, base, scales }
        } else {
            let w = values
                .enumerate()
                .map(|(i, q)| f32::from(q) * lane_scale[i % stride])
                .collect();
            Table::F32(w)
        };
        Ok(Model {
            header,
            offsets,
            stride,
            table,
        })
    }
}

/// Fewest titled training rows of a language for a model to learn its titles' own features.
pub const MIN_TITLED_ROWS: usize = 100;

/// Normalization groups: word-level features, character n-grams, a title's own words.
const GROUPS: usize = 3;

/// The normalization group of a feature hash: 0 word-level, 1 character n-gram
/// (`CHAR_TAG`, bit 63, whatever bit 62 of its hash is), 2 a title's word (`TITLE_TAG`,
/// bit 62, without `CHAR_TAG`), without a branch.
#[inline(always)]
fn group(h: u64) -> usize {
    const _: () = assert!(CHAR_TAG == 1 << 63 && TITLE_TAG == 1 << 62);
    let char = (h >> 63) as usize;
    let title = ((h >> 62) & 1) as usize;
    char | ((title & (char ^ 1)) << 1)
}

/// Size of a transparent huge page on x86-64 Linux.
const HUGE_PAGE: usize = 2 << 20;

/// A zeroed table of `buckets` rows starting at a huge-page boundary: the rows and the index of
/// the first. Lookups hit random rows of the whole table, and with 4 KiB pages most of them
/// also missed the TLB (2048 pages for 8 MiB); asking the kernel for 2 MiB pages
/// (`MADV_HUGEPAGE`, honoured when transparent huge pages are set to `madvise` or `always`)
/// makes the table 4 TLB entries. The pages are untouched until the rows are written, so the
/// advice applies when they are first faulted in. Without huge pages it only costs 2 MiB of
/// address space.
fn huge_page_rows(buckets: usize) -> (Vec<Row8>, usize) {
    let row = std::mem::size_of::<Row8>();
    if buckets * row < HUGE_PAGE {
        return (vec![Row8::default(); buckets], 0);
    }
    let pad = HUGE_PAGE / row;
    // Reserve first (untouched memory), advise, then write the zeros.
    let mut rows = Vec::with_capacity(buckets + pad);
    let addr = rows.as_ptr() as usize;
    let aligned = addr.next_multiple_of(HUGE_PAGE);
    let base = (aligned - addr) / row;
    advise_huge_pages(aligned, buckets * row);
    rows.resize(buckets + pad, Row8::default());
    (rows, base)
}

#[cfg(target_os = "linux")]
fn advise_huge_pages(addr: usize, len: usize) {
    // SAFETY: madvise(MADV_HUGEPAGE) on a range inside our own live allocation only tells the
    // kernel how to back those pages; it never changes their contents or their validity, and
    // its failure (an older kernel, THP off) is harmless and ignored. Measured with bench/ab.sh
    // (200,000 tweets, one thread, shared 2-core VM): the table on huge pages made the whole run
    // 1.08× faster (3 rounds).
    unsafe {
        let _ = libc::madvise(addr as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_addr: usize, _len: usize) {}

/// A hint to load the cache line holding `x`; no effect on results.
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is only a hint; it never faults and reads nothing observable.
    unsafe {
        std::arch::x86_64::_mm_prefetch(
            std::ptr::from_ref(x).cast::<i8>(),
            std::arch::x86_64::_MM_HINT_T0,
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// In-place softmax of `l * inv_t`.
pub fn softmax(l: &mut [f32], inv_t: f32) {
    let max = l.iter().fold(f32::NEG_INFINITY, |m, &x| m.max(x * inv_t));
    let mut sum = 0.0;
    for x in l.iter_mut() {
        *x = (*x * inv_t - max).exp();
        sum += *x;
    }
    if sum > 0.0 && sum.is_finite() {
        for x in l.iter_mut() {
            *x /= sum;
        }
    } else {
        let n = l.len() as f32;
        l.iter_mut().for_each(|x| *x = 1.0 / n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(name: &str, classes: &[&str]) -> HeadSpec {
        HeadSpec {
            name: name.into(),
            classes: classes.iter().map(|s| s.to_string()).collect(),
            temperature: 1.0,
            threshold: 0.5,
            thresholds: Default::default(),
            offsets: Default::default(),
            scale: 0.0,
        }
    }

    #[test]
    fn round_trip_keeps_predictions() {
        let mut m = Model::new(8, vec![spec("a", &["x", "y", "z"]), spec("b", &["p", "q"])]);
        for (i, w) in m.weights_f32().iter_mut().enumerate() {
            *w = ((i * 7919) % 200) as f32 / 100.0 - 1.0;
        }
        m.fit_idf([&[1u64, 2][..], &[2, 3][..]].into_iter());
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).expect("loads");
        let f = Features::from_hashes(vec![1, 2, 3, 99999]);
        for head in 0..2 {
            let (a, b) = (m.predict(head, &f), back.predict(head, &f));
            // A loaded model computes with 8-bit weights (steps of 1/127 of the largest).
            for k in 0..a.n {
                assert!((a.p[k] - b.p[k]).abs() < 2e-2, "{} vs {}", a.p[k], b.p[k]);
            }
        }
    }

    #[test]
    fn word_and_char_groups_are_normalized_apart() {
        let mut m = Model::new(10, vec![spec("a", &["x", "y"])]);
        m.fit_idf([&[1u64, 2, 3][..]].into_iter());
        let word = [1u64, 2];
        let chars: Vec<u64> = (0..40u64).map(|i| (i + 100) | CHAR_TAG).collect();
        let hashes: Vec<u64> = word.iter().copied().chain(chars.iter().copied()).collect();
        let (mut b, mut v) = (Vec::new(), Vec::new());
        // One norm over all: the 40 n-grams take most of it.
        m.values(&hashes, &mut b, &mut v);
        let word_sq: f32 = v[..2].iter().map(|x| x * x).sum();
        assert!(word_sq < 0.1, "{word_sq}");
        // Apart (FeatureUnion): each group has unit norm whatever its size.
        m.header.group_weights = Some([1.0, 1.0]);
        m.values(&hashes, &mut b, &mut v);
        let word_sq: f32 = v[..2].iter().map(|x| x * x).sum();
        let char_sq: f32 = v[2..].iter().map(|x| x * x).sum();
        assert!((word_sq - 1.0).abs() < 1e-4 && (char_sq - 1.0).abs() < 1e-4);
        // The inference path agrees with the training path.
        m.weights_mut(0, m.bucket(1))[1] = 2.0;
        m.weights_mut(0, m.bucket(100 | CHAR_TAG))[1] = 3.0;
        assert_paths_agree(&m, &hashes);
    }

    /// The training path (`values`), the `f32` logits and the loaded 8-bit `predict_all` give
    /// the same answer for `hashes` on head 0.
    fn assert_paths_agree(m: &Model, hashes: &[u64]) {
        let (mut b, mut v) = (Vec::new(), Vec::new());
        m.values(hashes, &mut b, &mut v);
        let f = Features::from_hashes(hashes.to_vec());
        let mut l = [0f32; MAX_CLASSES];
        m.logits(0, &f, &mut l);
        let expect: f32 = b.iter().zip(&v).map(|(&bk, &val)| m.row(bk)[2] * val).sum();
        assert!((l[1] - expect).abs() < 1e-4, "{} vs {expect}", l[1]);
        let back = Model::from_bytes(&m.to_bytes()).expect("loads");
        let p = back.predict_all(&f, "ru")[0];
        let q = m.predict(0, &f);
        assert!((p.p[1] - q.p[1]).abs() < 2e-2, "{p:?} vs {q:?}");
    }

    #[test]
    fn a_title_group_is_normalized_apart_in_every_path() {
        let mut m = Model::new(10, vec![spec("a", &["x", "y"])]);
        m.fit_idf([&[1u64, 2, 3][..]].into_iter());
        m.header.group_weights = Some([1.0, 1.0]);
        let words: Vec<u64> = (1..30u64).collect();
        let title = [7u64 | TITLE_TAG, 8 | TITLE_TAG];
        let chars = [300u64 | CHAR_TAG];
        let hashes: Vec<u64> = words.iter().chain(&chars).chain(&title).copied().collect();
        assert_eq!(group(5), 0);
        assert_eq!(group(5 | CHAR_TAG), 1);
        assert_eq!(group(5 | TITLE_TAG), 2);
        assert_eq!(
            group(5 | TITLE_TAG | CHAR_TAG),
            1,
            "an n-gram whatever its bit 62"
        );
        let (mut b, mut v) = (Vec::new(), Vec::new());
        m.values(&hashes, &mut b, &mut v);
        let title_sq: f32 = v[30..].iter().map(|x| x * x).sum();
        let word_sq: f32 = v[..29].iter().map(|x| x * x).sum();
        assert!(
            (title_sq - 1.0).abs() < 1e-4,
            "the title has unit norm: {title_sq}"
        );
        assert!((word_sq - 1.0).abs() < 1e-4, "{word_sq}");
        m.weights_mut(0, m.bucket(7 | TITLE_TAG))[1] = 2.0;
        m.weights_mut(0, m.bucket(3))[1] = -1.0;
        assert_paths_agree(&m, &hashes);
    }

    #[test]
    fn the_languages_of_learned_titles_survive_the_file() {
        let mut m = Model::new(4, vec![spec("a", &["x", "y"])]);
        assert!(!m.reads_titles("ro"));
        m.header.title_langs = vec!["ro".into()];
        let back = Model::from_bytes(&m.to_bytes()).expect("loads");
        assert!(back.reads_titles("ro") && !back.reads_titles("ru"));
    }

    #[test]
    fn bad_group_weights_are_a_header_error() {
        let mut m = Model::new(4, vec![spec("a", &["x", "y"])]);
        m.header.group_weights = Some([1.0, -1.0]);
        assert!(matches!(
            Model::from_bytes(&m.to_bytes()),
            Err(ModelError::Header(e)) if e.contains("group_weights")
        ));
        m.header.group_weights = Some([1.0, 0.5]);
        assert!(Model::from_bytes(&m.to_bytes()).is_ok());
    }

    #[test]
    fn min_df_silences_features_never_seen_in_training() {
        let mut m = Model::new(10, vec![spec("a", &["x", "y"])]);
        m.header.min_df = 1;
        m.fit_idf([&[1u64, 2][..], &[2][..]].into_iter());
        assert!(m.row(m.bucket(1))[0] > 0.0);
        assert_eq!(m.row(m.bucket(12345))[0], 0.0, "unseen bucket ignored");
        let mut keep = Model::new(10, vec![spec("a", &["x", "y"])]);
        keep.fit_idf([&[1u64, 2][..], &[2][..]].into_iter());
        assert!(keep.row(keep.bucket(12345))[0] > keep.row(keep.bucket(2))[0]);
    }

    #[test]
    fn corrupt_files_are_rejected_not_panicking() {
        let m = Model::new(4, vec![spec("a", &["x", "y"])]);
        let bytes = m.to_bytes();
        assert!(matches!(
            Model::from_bytes(b"junk"),
            Err(ModelError::BadMagic)
        ));
        assert!(matches!(
            Model::from_bytes(&bytes[..bytes.len() - 1]),
            Err(ModelError::Truncated)
        ));
        let mut bad = bytes.clone();
        bad[12] = 0xFF;
        assert!(Model::from_bytes(&bad).is_err());
        for cut in 0..bytes.len() {
            let _ = Model::from_bytes(&bytes[..cut]);
        }
        // A header that claims a huge table is refused without allocating it.
        let mut huge = m.clone();
        huge.header.bits = 26;
        huge.header.heads = (0..3)
            .map(|i| spec(&format!("h{i}"), &["a", "b", "c", "d"]))
            .collect();
        let json = serde_json::to_vec(&huge.header).expect("json");
        let mut hostile = b"DEFUSEMD".to_vec();
        hostile.extend_from_slice(&1u32.to_le_bytes());
        hostile.extend_from_slice(&(json.len() as u32).to_le_bytes());
        hostile.extend_from_slice(&json);
        assert!(matches!(
            Model::from_bytes(&hostile),
            Err(ModelError::Truncated)
        ));
    }

    #[test]
    fn too_many_values_per_bucket_is_a_header_error() {
        let mut m = Model::new(4, vec![spec("a", &["x", "y"])]);
        m.header.heads = (0..5)
            .map(|i| spec(&format!("h{i}"), &["a", "b", "c", "d"]))
            .collect();
        let json = serde_json::to_vec(&m.header).expect("json");
        let mut bytes = b"DEFUSEMD".to_vec();
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(&(json.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&json);
        assert!(matches!(
            Model::from_bytes(&bytes),
            Err(ModelError::Header(_))
        ));
    }

    #[test]
    fn loaded_model_trains_on_after_unpacking() {
        let mut m = Model::new(6, vec![spec("a", &["x", "y", "z"])]);
        m.weights_mut(0, 3)[1] = 0.5;
        let mut back = Model::from_bytes(&m.to_bytes()).expect("loads");
        assert!(matches!(back.table, Table::I8 { .. }));
        assert!((back.weights_mut(0, 3)[1] - 0.5).abs() < 1e-3);
        assert!(matches!(back.table, Table::F32(_)));
    }

    #[test]
    fn softmax_sums_to_one_even_for_extreme_logits() {
        let mut l = [1e30, -1e30, 0.0];
        softmax(&mut l, 1.0);
        let s: f32 = l.iter().sum();
        assert!((s - 1.0).abs() < 1e-5);
    }
}
