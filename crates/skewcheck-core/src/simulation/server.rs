//! The simulated time server: its clock is the truth, its answers real response text, and
//! its faults scripted ([`Fault`]).

use crate::clock::{DeviceClock, ManualClock};
use crate::sample::{Observation, Sample, Stopwatch, Timing};
use crate::source::{BodyFormat, EpochUnit, ReadingOrigin, ReferenceReading};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::time::{Duration, UNIX_EPOCH};

/// A wall-clock time to start simulations at (2023-11-14).
pub(crate) const START_MS: f64 = 1_700_000_000_000.0;

/// Where the server's time is: what a one-second `Date` header or a millisecond body shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stamp {
    /// Only a `Date` header (whole seconds).
    DateHeader,
    /// Epoch milliseconds in the body, plus a `Date` header.
    Milliseconds,
    /// worldtimeapi-like `{"unixtime": <whole seconds, truncated>}`, plus a `Date` header.
    WholeSeconds,
    /// A `timesync` server's `{"id": 1, "result": <epoch ms>}`, plus a `Date` header.
    Timesync,
}

/// One request going wrong.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Fault {
    /// The server never answers.
    Hang,
    /// The connection is refused (DNS, a closed port).
    Unreachable,
    /// The device is offline (`navigator.onLine` false).
    Offline,
    /// The server answers without CORS headers: the page may not read it, though an opaque
    /// `no-cors` request gets through.
    NoCors,
    /// The server answers 200 with a body of this many bytes (and its `Content-Length`).
    HugeBody(usize),
    /// The server answers with this HTTP status and no time in the body.
    Status(u16),
    /// The server answers 200 with this body instead of a time.
    Body(&'static str),
    /// The connection breaks while the body is read.
    BrokenBody,
    /// A cache answers with a copy this many seconds old: the origin's `Date`, `Age` and
    /// `X-Cache: Hit from cloudfront`, as CloudFront does.
    Cached(u32),
    /// A cache that rewrites `Date` to its own (correct) time but still sends this `Age`.
    CachedRewritten(u32),
    /// A cache replaying the first copy it stored, without `Age` or a hit header.
    Frozen,
    /// The device clock is set by this much while the request is in flight.
    StepClock(f64),
    /// The server redirects to this address (which the network never asks: the page's requests
    /// do not follow redirects).
    RedirectTo(&'static str),
    /// The server's `Date` header is this text instead of a date.
    BadDate(String),
}

/// What came back to the device.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Exchange {
    /// An HTTP answer, timed by the device.
    Answered {
        /// The device's timestamps.
        timing: Timing,
        /// Status code.
        status: u16,
        /// Headers, lower-case names.
        headers: Vec<(&'static str, String)>,
        /// The body, or `None` when reading it broke.
        body: Option<String>,
    },
    /// No answer at all.
    Hung,
    /// The connection failed.
    Refused,
    /// The browser knew it was offline.
    Offline,
    /// The answer came without CORS headers (a `no-cors` probe would get through).
    CorsBlocked,
    /// A redirect to this address (the browser, asked not to follow it, does not).
    Redirected(&'static str),
}

/// A time server with a known offset, delays and scripted faults.
#[derive(Debug)]
pub(crate) struct TimeServer {
    offset_ms: Cell<f64>,
    outbound_ms: f64,
    inbound_ms: f64,
    stamp: Stamp,
    /// How far the server's `Date` header runs ahead of its body (a time-zone bug).
    header_ahead_ms: f64,
    /// Whether the `Date` header reaches the page (a cross-origin endpoint may hide it).
    sends_date: bool,
    /// What happens to the next requests, in order (`None`: answered correctly).
    script: RefCell<VecDeque<Option<Fault>>>,
    always: Option<Fault>,
    requests: Cell<usize>,
    /// The time a frozen cache stored its copy at.
    frozen_at: Cell<Option<f64>>,
    /// How old a frozen cache's copy already is when first served.
    frozen_lag_ms: Cell<f64>,
}

impl TimeServer {
    /// A server stamping only `Date` headers; the device is `offset_ms` ahead of it.
    pub(crate) fn date_header(offset_ms: f64, round_trip_ms: f64) -> Self {
        Self {
            offset_ms: Cell::new(offset_ms),
            outbound_ms: round_trip_ms / 2.0,
            inbound_ms: round_trip_ms / 2.0,
            stamp: Stamp::DateHeader,
            header_ahead_ms: 0.0,
            sends_date: true,
            script: RefCell::new(VecDeque::new()),
            always: None,
            requests: Cell::new(0),
            frozen_at: Cell::new(None),
            frozen_lag_ms: Cell::new(0.0),
        }
    }

    /// A server answering with epoch milliseconds.
    pub(crate) fn millisecond(offset_ms: f64, round_trip_ms: f64) -> Self {
        Self {
            stamp: Stamp::Milliseconds,
            ..Self::date_header(offset_ms, round_trip_ms)
        }
    }

    /// A server answering with this body shape (and a `Date` header).
    pub(crate) fn with_stamp(self, stamp: Stamp) -> Self {
        Self { stamp, ..self }
    }

    /// The same server with these one-way delays.
    pub(crate) fn with_legs(self, outbound_ms: f64, inbound_ms: f64) -> Self {
        Self {
            outbound_ms,
            inbound_ms,
            ..self
        }
    }

    /// The same server with its `Date` header `ms` ahead of its body.
    pub(crate) fn with_header_ahead(self, ms: f64) -> Self {
        Self {
            header_ahead_ms: ms,
            ..self
        }
    }

    /// The same server without a `Date` header the page can read.
    pub(crate) fn without_date_header(self) -> Self {
        Self {
            sends_date: false,
            ..self
        }
    }

    /// The same server meeting `script` on its next requests, in order (`None`: answered
    /// correctly).
    pub(crate) fn scripted(self, script: impl IntoIterator<Item = Option<Fault>>) -> Self {
        self.script.borrow_mut().extend(script);
        self
    }

    /// The same server failing every request (after any scripted ones) with `fault`.
    pub(crate) fn always_failing(self, fault: Fault) -> Self {
        Self {
            always: Some(fault),
            ..self
        }
    }

    /// A [`Fault::Frozen`] cache's copy is already `ms` old when first served.
    pub(crate) fn freeze_copy_aged(&self, ms: f64) {
        self.frozen_lag_ms.set(ms);
    }

    /// Requests this server received.
    pub(crate) fn requests(&self) -> usize {
        self.requests.get()
    }

    /// The device clock is set by `ms` now: its offset from the server changes with it.
    pub(crate) fn step_device_clock(&self, clock: &ManualClock, ms: f64) {
        clock.step_wall(ms);
        self.offset_ms.set(self.offset_ms.get() + ms);
    }

    /// One request: sends, lets the server read its clock, and times the round trip.
    fn timed<R>(&self, clock: &ManualClock, at_server: impl FnOnce(f64) -> R) -> (Timing, R) {
        let watch = Stopwatch::start(clock);
        clock.advance(self.outbound_ms);
        let read = at_server(clock.wall_ms() - self.offset_ms.get());
        clock.advance(self.inbound_ms);
        (watch.stop(clock), read)
    }

    /// What this server stamps at the true time `truth_ms`.
    pub(crate) fn reading_at(&self, truth_ms: f64) -> ReferenceReading {
        match self.stamp {
            Stamp::DateHeader => {
                let second = (truth_ms / 1000.0).floor() * 1000.0;
                ReferenceReading {
                    earliest_ms: second,
                    latest_ms: second + 1000.0,
                    origin: ReadingOrigin::DateHeader,
                }
            }
            Stamp::Milliseconds | Stamp::Timesync => ReferenceReading {
                earliest_ms: truth_ms.floor() - 1.0,
                latest_ms: truth_ms.floor() + 1.0,
                origin: ReadingOrigin::Body(BodyFormat::EpochNumber(EpochUnit::Milliseconds)),
            },
            Stamp::WholeSeconds => {
                let second = (truth_ms / 1000.0).floor() * 1000.0;
                ReferenceReading {
                    earliest_ms: second - 1000.0,
                    latest_ms: second + 1000.0,
                    origin: ReadingOrigin::Body(BodyFormat::EpochNumber(EpochUnit::Seconds)),
                }
            }
        }
    }

    /// One request answered correctly, as the engine sees it.
    pub(crate) fn sample(&self, clock: &ManualClock) -> Sample {
        let (timing, reference) = self.timed(clock, |truth| self.reading_at(truth));
        Sample { timing, reference }
    }

    /// One request answered correctly, as an observation.
    pub(crate) fn answer(&self, clock: &ManualClock) -> Observation {
        self.sample(clock).into()
    }

    /// One request over the simulated network: `with_body` for a `GET` of a time endpoint,
    /// otherwise a `HEAD` for the `Date` header only.
    pub(crate) fn exchange(&self, clock: &ManualClock, with_body: bool) -> Exchange {
        self.requests.set(self.requests.get() + 1);
        let scripted = self.script.borrow_mut().pop_front();
        let fault = scripted.unwrap_or_else(|| self.always.clone());
        let clock_step_ms = match fault {
            Some(Fault::Hang) => return Exchange::Hung,
            Some(Fault::Unreachable) => return Exchange::Refused,
            Some(Fault::Offline) => return Exchange::Offline,
            Some(Fault::NoCors) => return Exchange::CorsBlocked,
            Some(Fault::RedirectTo(to)) => return Exchange::Redirected(to),
            Some(Fault::StepClock(ms)) => ms,
            _ => 0.0,
        };
        let (timing, truth) = self.timed(clock, |truth| {
            if clock_step_ms != 0.0 {
                // Set while the request is in flight: the server's time does not move.
                self.step_device_clock(clock, clock_step_ms);
            }
            match fault {
                Some(Fault::Cached(age_s)) => truth - f64::from(age_s) * 1000.0,
                Some(Fault::Frozen) => self
                    .frozen_at
                    .get()
                    .unwrap_or(truth - self.frozen_lag_ms.get()),
                _ => truth,
            }
        });
        if let Some(Fault::Frozen) = fault {
            self.frozen_at.set(Some(truth));
        }
        let mut headers = Vec::new();
        if self.sends_date {
            headers.push(("date", http_date(truth + self.header_ahead_ms)));
        }
        if let Some(Fault::BadDate(text)) = &fault {
            headers.retain(|(name, _)| *name != "date");
            headers.push(("date", text.clone()));
        }
        if let Some(Fault::Cached(age_s) | Fault::CachedRewritten(age_s)) = fault {
            headers.push(("age", age_s.to_string()));
            headers.push(("x-cache", "Hit from cloudfront".to_owned()));
        }
        let time_body = match (with_body, self.stamp) {
            (true, Stamp::Milliseconds) => format!("{}", truth.floor()),
            (true, Stamp::WholeSeconds) => {
                format!(r#"{{"unixtime":{}}}"#, (truth / 1000.0).floor())
            }
            (true, Stamp::Timesync) => format!(r#"{{"id":1,"result":{}}}"#, truth.floor()),
            (true, Stamp::DateHeader) => "hello".to_owned(),
            (false, _) => String::new(),
        };
        let (status, body) = match fault {
            Some(Fault::Status(code)) => (code, Some("<h1>Error</h1>".to_owned())),
            Some(Fault::Body(text)) => (200, Some(text.to_owned())),
            Some(Fault::BrokenBody) => (200, None),
            Some(Fault::HugeBody(bytes)) => {
                headers.push(("content-length", bytes.to_string()));
                (200, Some("1".repeat(bytes)))
            }
            _ => (200, Some(time_body)),
        };
        Exchange::Answered {
            timing,
            status,
            headers,
            body,
        }
    }
}

/// `ms` since the epoch as an HTTP date (whole seconds, truncated).
fn http_date(ms: f64) -> String {
    let seconds = (ms / 1000.0).floor();
    let seconds = if seconds.is_finite() && seconds >= 0.0 {
        Duration::from_secs_f64(seconds)
    } else {
        Duration::ZERO
    };
    httpdate::fmt_http_date(UNIX_EPOCH + seconds)
}
