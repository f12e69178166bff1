//! Finding keys, phrases and timestamps in pasted text, whatever wraps them.
//!
//! Every search is a plain substring search (linear in the text) over one lower-cased
//! copy, and every value read after a key is at most `MAX_VALUE_BYTES` long, so a 1 MB
//! paste costs a few linear passes per key, never anything quadratic.

use std::time::UNIX_EPOCH;
use time::OffsetDateTime;
use time::format_description::well_known::{Rfc2822, Rfc3339};

/// How much of a paste is read: error messages are short, and a longer paste (a whole log)
/// is cut here, at a character boundary.
pub const MAX_EXAMINED_BYTES: usize = 256 * 1024;

/// The longest value read after a key (an HTTP date is 29 bytes).
const MAX_VALUE_BYTES: usize = 64;

/// Separators skipped between a key and its value: `' => '` (Perl), `": "` (JSON),
/// `': '` (Python), `=` (query strings, logs), `>` (XML), `\"` (escaped JSON), `[`.
const SEPARATORS: &[u8] = b" \t\"'\\=>:[";

/// Bytes that end a value: quotes, tags, line ends, escapes, query-string joins.
const TERMINATORS: &[u8] = b"\"'<\r\n}]\\&;";

/// What a timestamp is: a field the error names itself, or a time the decoder found in a
/// place the words layer describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StampLabel {
    /// A field by the name the error or token gives it, as data: `RequestTime`,
    /// `ServerTime`, `X-Amz-Date`, `x-ms-date`, `Expires`, `iat`, `nbf`, `exp`.
    Field(&'static str),
    /// The request's time in a SigV4 message (its `X-Amz-Date`).
    SigV4RequestTime,
    /// The server's time in a SigV4 message.
    SigV4ServerTime,
    /// The request date an Azure message quotes (its `x-ms-date`).
    AzureRequestDate,
    /// The server's time on the `Time:` line of an Azure message.
    AzureMessageTime,
    /// The request's `Date` header.
    RequestDate,
    /// The response's `Date` header.
    ResponseDate,
    /// A presigned URL's `X-Amz-Date` worked out as `Expires` − `X-Amz-Expires`.
    DateFromExpiry,
    /// This device's time, with its clock measured.
    DeviceMeasured,
    /// This device's clock as it stands, not measured yet.
    DeviceUnmeasured,
}

/// A timestamp as pasted, with the instant it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// What it is: `RequestTime`, `ServerTime`, `X-Amz-Date`, response `Date`, …
    pub label: StampLabel,
    /// The text as it appeared in the paste.
    pub text: String,
    /// The instant, in ms since the Unix epoch (UTC).
    pub epoch_ms: i64,
    /// How finely the text pins the instant down: 1000 ms for whole seconds, 1 ms when it
    /// has a fraction. The true instant lies in `[epoch_ms, epoch_ms + resolution_ms)`.
    pub resolution_ms: i64,
}

/// The paste, cut to [`MAX_EXAMINED_BYTES`], with a lower-cased copy for searching (ASCII
/// lower-casing keeps byte offsets the same).
pub struct Haystack<'a> {
    /// The text as pasted (cut).
    pub text: &'a str,
    /// `text` with ASCII letters lower-cased.
    pub lower: String,
}

impl<'a> Haystack<'a> {
    /// The first [`MAX_EXAMINED_BYTES`] of `text`.
    pub fn new(text: &'a str) -> Self {
        let text = &text[..floor_boundary(text, MAX_EXAMINED_BYTES)];
        Self {
            text,
            lower: text.to_ascii_lowercase(),
        }
    }

    /// The part of the paste from byte `start` to `end` (clamped to boundaries).
    pub fn slice(&self, start: usize, end: usize) -> Haystack<'a> {
        let end = floor_boundary(self.text, end);
        let start = floor_boundary(self.text, start.min(end));
        Haystack {
            text: &self.text[start..end],
            lower: self.lower[start..end].to_owned(),
        }
    }

    /// Whether `needle` (lower case) occurs anywhere.
    pub fn contains(&self, needle: &str) -> bool {
        self.lower.contains(needle)
    }

    /// Byte offset of the first `needle` (lower case).
    pub fn find(&self, needle: &str) -> Option<usize> {
        self.lower.find(needle)
    }

    /// The first value after the key `key` (lower case, matched as a whole word in any
    /// case) that parses as a timestamp, labelled `label`.
    pub fn stamp_after_key(&self, key: &str, label: StampLabel) -> Option<Stamp> {
        self.after_key(key).find_map(|at| self.stamp_at(at, label))
    }

    /// Like [`stamp_after_key`](Self::stamp_after_key), but the last such value.
    pub fn last_stamp_after_key(&self, key: &str, label: StampLabel) -> Option<Stamp> {
        self.after_key(key)
            .filter_map(|at| self.stamp_at(at, label))
            .last()
    }

    /// The first value after the key `key` that is a whole number of seconds.
    pub fn seconds_after_key(&self, key: &str) -> Option<i64> {
        self.after_key(key)
            .find_map(|at| self.value_at(at).parse::<i64>().ok())
    }

    /// The byte offsets just after each whole-word occurrence of `key` (lower case).
    fn after_key<'s>(&'s self, key: &'s str) -> impl Iterator<Item = usize> + 's {
        self.lower
            .match_indices(key)
            .filter(move |(at, _)| self.is_whole_word(*at, key.len()))
            .map(move |(at, _)| at + key.len())
    }

    /// The timestamp right after byte `at` (after any separators), labelled `label`.
    pub fn stamp_at(&self, at: usize, label: StampLabel) -> Option<Stamp> {
        let value = self.value_at(at);
        parse_instant(value).map(|(epoch_ms, resolution_ms)| Stamp {
            label,
            text: value.to_owned(),
            epoch_ms,
            resolution_ms,
        })
    }

    /// The value right after byte `at`: separators skipped, up to a terminator, trimmed.
    fn value_at(&self, at: usize) -> &'a str {
        let bytes = self.text.as_bytes();
        let mut start = at.min(bytes.len());
        let skip_end = (start + 12).min(bytes.len());
        while start < skip_end {
            match (bytes[start], bytes.get(start + 1)) {
                // Python bytes, `b'…'`.
                (b'b', Some(b'\'' | b'"')) => start += 2,
                (byte, _) if SEPARATORS.contains(&byte) => start += 1,
                _ => break,
            }
        }
        let limit = (start + MAX_VALUE_BYTES).min(bytes.len());
        let end = bytes[start.min(limit)..limit]
            .iter()
            .position(|byte| TERMINATORS.contains(byte))
            .map_or(limit, |offset| start + offset);
        let start = floor_boundary(self.text, start.min(end));
        let end = floor_boundary(self.text, end);
        self.text[start..end].trim()
    }

    /// Whether the match at `at..at + len` is a whole key: no letter, digit, `-` or `_`
    /// touching it (so `date` does not match inside `x-amz-date` or `RequestTimeTooSkewed`
    /// inside `RequestTime`). A literal `\n` before it (escaped JSON) counts as a break.
    fn is_whole_word(&self, at: usize, len: usize) -> bool {
        let bytes = self.lower.as_bytes();
        let is_word = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_';
        let before_ok = at == 0
            || !is_word(bytes[at - 1])
            || (at >= 2 && bytes[at - 1] == b'n' && bytes[at - 2] == b'\\');
        let after_ok = bytes.get(at + len).is_none_or(|byte| !is_word(*byte));
        before_ok && after_ok
    }
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A timestamp in any form these errors use: an HTTP date (`Mon, 08 Jun 2015 06:41:00
/// GMT`, or with a numeric zone), an amz-date (`20150608T064100Z`) or RFC 3339 (`2015-06-08T06:25:25Z`, with or
/// without a fraction). Returns the instant in epoch ms and its resolution.
pub fn parse_instant(value: &str) -> Option<(i64, i64)> {
    if let Ok(at) = httpdate::parse_http_date(value) {
        let ms = at.duration_since(UNIX_EPOCH).ok()?.as_millis();
        return Some((i64::try_from(ms).ok()?, 1_000));
    }
    // An amz-date is RFC 3339 without its separators: put them back and parse it as such
    // (one parser in the bundle instead of two).
    let bytes = value.as_bytes();
    if bytes.len() == 16 && bytes[8] == b'T' && bytes[15] == b'Z' && value.is_ascii() {
        let rfc3339 = format!(
            "{}-{}-{}T{}:{}:{}Z",
            &value[..4],
            &value[4..6],
            &value[6..8],
            &value[9..11],
            &value[11..13],
            &value[13..15]
        );
        let at = OffsetDateTime::parse(&rfc3339, &Rfc3339).ok()?;
        return Some((at.unix_timestamp().checked_mul(1_000)?, 1_000));
    }
    // RFC 2822 dates with a numeric zone (`Sat, 14 Nov 2020 12:30:21 +0800`, from `date -R`).
    if let Ok(at) = OffsetDateTime::parse(value, &Rfc2822) {
        return Some((at.unix_timestamp().checked_mul(1_000)?, 1_000));
    }
    let at = OffsetDateTime::parse(value, &Rfc3339).ok()?;
    let ms = i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()?;
    let resolution = if value.contains('.') { 1 } else { 1_000 };
    Some((ms, resolution))
}

/// Every amz-date (`YYYYMMDDTHHMMSSZ`) in `text`, in order, labelled `label`: the words
/// that are 16 bytes of digits, `T` and `Z` in the right places.
pub fn amz_dates(text: &str, label: StampLabel) -> impl Iterator<Item = Stamp> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| word.len() == 16)
        .filter_map(move |word| {
            parse_instant(word).map(|(epoch_ms, resolution_ms)| Stamp {
                label,
                text: word.to_owned(),
                epoch_ms,
                resolution_ms,
            })
        })
}
