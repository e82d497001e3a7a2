//! Bytes -> parse -> export must give the bytes back; a move exported and parsed again must give
//! the board's cells; undoing it must give the bytes back. The check itself lives with the tests,
//! which replay every input this target ever found.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/trust/roundtrip.rs"]
mod roundtrip;

fuzz_target!(|data: &[u8]| roundtrip::check(data));
