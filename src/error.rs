//! The library's typed errors.

use std::path::PathBuf;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input record could not be used; the message says why.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A labelled corpus file did not have the expected format.
    #[error("{path}:{line}: {message}")]
    Corpus {
        /// The file.
        path: PathBuf,
        /// 1-based line number, 0 when the problem is not on one line.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// A model folder is missing a file or holds something unusable.
    #[error("model: {0}")]
    Model(String),
}

impl Error {
    /// An [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
