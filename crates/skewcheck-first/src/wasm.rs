//! The module's edge: two raw exports over its linear memory, so the shell's script needs no
//! generated glue (and the module no wasm-bindgen): `first_alloc(len)` reserves `len` bytes
//! for the input's UTF-8 JSON, `first_card(ptr, len)` reads it and returns a pointer to the
//! answer — a little-endian `u32` length, then that many bytes of UTF-8 JSON (`null` when
//! there is no card), valid until the next call.

use std::cell::RefCell;

/// Never frees: one call per page (a few hundred KiB at most, the language file's catalogue
/// the largest part), then the page drops the module.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
#[expect(
    unsafe_code,
    reason = "AssumeSingleThreaded::new: the module runs on the page's one thread (no threads in wasm32-unknown-unknown)"
)]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::LeakingAllocator> =
    // SAFETY: wasm32-unknown-unknown without the atomics feature has one thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::LeakingAllocator::new()) };

thread_local! {
    /// The last answer, kept so its pointer stays valid for the script to read.
    static ANSWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The answer to `json`: the card, or `null`.
pub fn answer(json: &str) -> String {
    crate::read_input(json)
        .map_or_else(|| "null".to_owned(), |input| crate::card(input).to_string())
}

/// Reserves `len` bytes for the input and returns where they start (the script writes the
/// JSON there, then calls [`first_card`], which takes the buffer back).
#[expect(
    unsafe_code,
    reason = "a raw export of the module: the script calls it by this name"
)]
#[unsafe(no_mangle)]
pub extern "C" fn first_alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len.max(1));
    let at = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    at
}

/// Reads the input the script wrote at `ptr` (`len` bytes, from [`first_alloc`]`(len)`) and
/// returns the answer's address (its length first).
///
/// # Safety
/// `ptr` must come from `first_alloc(len)` with this `len`, hold `len` initialised bytes,
/// and not be used again.
#[expect(
    unsafe_code,
    reason = "a raw export of the module, taking back the buffer first_alloc gave out"
)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn first_card(ptr: *mut u8, len: usize) -> *const u8 {
    // SAFETY: the caller's contract above: the buffer is first_alloc's, `len` bytes long
    // and initialised, and ours to free.
    let bytes = unsafe { Vec::from_raw_parts(ptr, len, len.max(1)) };
    let json = String::from_utf8_lossy(&bytes);
    let said = answer(&json);
    ANSWER.with(|slot| {
        let mut slot = slot.borrow_mut();
        slot.clear();
        let length = u32::try_from(said.len()).unwrap_or(u32::MAX);
        slot.extend_from_slice(&length.to_le_bytes());
        slot.extend_from_slice(said.as_bytes());
        slot.as_ptr()
    })
}
