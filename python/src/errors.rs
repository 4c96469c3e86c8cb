//! The library's errors as Python exceptions.

use pyo3::exceptions::{PyKeyboardInterrupt, PyTypeError, PyValueError};
use pyo3::PyErr;

/// A library error as a `ValueError` with the library's one-line message;
/// a cancelled run as `KeyboardInterrupt`.
pub fn to_py(e: dilemma::Error) -> PyErr {
    match e {
        dilemma::Error::Cancelled => PyKeyboardInterrupt::new_err(e.to_string()),
        other => PyValueError::new_err(other.to_string()),
    }
}

/// A JSON (de)serialisation error of a value that crossed from Python: a
/// value of the wrong type (`TypeError`) or without the fields the library
/// expects (`ValueError`).
pub fn json(what: &str, e: serde_json::Error) -> PyErr {
    let message = format!("{what}: {e}");
    if e.to_string().starts_with("invalid type") {
        PyTypeError::new_err(message)
    } else {
        PyValueError::new_err(message)
    }
}

/// Shorthand: a library result as a Python result.
pub trait IntoPy<T> {
    /// Converts the error with [`to_py`].
    fn py(self) -> pyo3::PyResult<T>;
}

impl<T> IntoPy<T> for dilemma::Result<T> {
    fn py(self) -> pyo3::PyResult<T> {
        self.map_err(to_py)
    }
}
