//! defuse-text: pure text analysis of social-media mentions — language, sentiment, profanity,
//! toxicity, spam, questions, personal data, emotion and the kind of a mention. No I/O: text in,
//! [`Analysis`] out. See `ARCHITECTURE.md` at the repository root for the map.

pub mod analysis;
pub mod chars;
pub mod cues;
mod emoji_table;
pub mod eval;
pub mod features;
pub mod lang;
pub mod lbfgs;
mod lookup;
pub mod model;
pub mod names;
pub mod pii;
pub mod profanity;
pub mod rules;
pub mod tokenize;
pub mod train;

pub use analysis::{Analysis, Analyzer, Scratch, Sentiment};
pub use lang::Lang;
pub use rules::Kind;
