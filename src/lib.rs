//! Quote attribution for news: finds who said what in an article, with character offsets.
//!
//! The pipeline (see `ARCHITECTURE.md`): [`segment`] → [`marks`] → [`rules`] → [`resolve`],
//! driven by [`Attributor`]; [`batch`] runs it over a corpus and [`eval`] measures it.

pub mod attributor;
pub mod batch;
pub mod document;
pub mod encoder;
pub mod error;
pub mod eval;
pub mod lexicon;
pub mod link;
pub mod marks;
pub mod mention;
pub mod resolve;
pub mod rules;
pub mod schema;
pub mod segment;
pub mod tag;
pub mod train;
pub mod train_speakers;
pub mod wordpiece;

pub use attributor::Attributor;
pub use error::{Error, Result};
pub use schema::{
    Article, ArticleAttributions, Attribution, AttributionKind, Entity, EntityKind, Method,
    OutputRecord, SpeakerRef, TextSpan,
};
