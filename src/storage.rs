//! The browser's `localStorage`, where the field sheet is kept (and nothing else). Every
//! failure is a value, never a panic: a browser without storage, one that forbids it
//! (a private window, a blocked site: `localStorage` throws `SecurityError`) and one whose
//! storage is full (`QuotaExceededError`) all become [`StorageError`]. Nothing stored here
//! is ever sent: no request of the page reads it.

use wasm_bindgen::JsValue;

/// Why the browser's storage could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser has none, or forbids this page to use it (private mode, settings).
    Unavailable,
    /// It refused to write (its quota is used up, or a private window allows none).
    Refused,
}

/// This origin's `localStorage`, if the browser lets the page use it.
fn local_storage() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .ok_or(StorageError::Unavailable)?
        .local_storage()
        .ok()
        .flatten()
        .ok_or(StorageError::Unavailable)
}

/// The text stored under `key` (`None`: nothing there).
pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?
        .get_item(key)
        .map_err(|_: JsValue| StorageError::Unavailable)
}

/// Stores `value` under `key`.
pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    local_storage()?
        .set_item(key, value)
        .map_err(|_: JsValue| StorageError::Refused)
}
