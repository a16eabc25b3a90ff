//! The rate-limit headers of a response, read once and shared by the
//! response, the error types and the client (which remembers the last ones
//! seen).

use std::time::Duration;

use http::HeaderMap;

/// The rate-limit headers of a response. Every field is `None` when its header
/// is absent or unreadable.
///
/// ```no_run
/// # async fn example(client: pipedrive::runtime::Client) {
/// if let Some(rate_limit) = client.last_rate_limit() {
///     if rate_limit.remaining == Some(0) {
///         println!("out of budget for {:?}", rate_limit.reset);
///     }
/// }
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// `x-ratelimit-limit`: requests allowed in the current window.
    pub limit: Option<u64>,
    /// `x-ratelimit-remaining`: requests left in the current window.
    pub remaining: Option<u64>,
    /// `x-ratelimit-reset`: time until the window resets (read as seconds, or
    /// as a Unix time when the number is that large).
    pub reset: Option<Duration>,
    /// `x-daily-requests-left`: requests (or tokens) left today.
    pub daily_requests_left: Option<u64>,
    /// `retry-after`: how long to wait (seconds or an HTTP date).
    pub retry_after: Option<Duration>,
}

/// Numbers above this in `x-ratelimit-reset` are Unix times, not durations.
const UNIX_TIME_THRESHOLD: f64 = 1_000_000_000.0;

impl RateLimit {
    /// Reads the rate-limit headers of a response.
    pub fn from_headers(headers: &HeaderMap) -> RateLimit {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::trim)
        };
        let integer = |name: &str| text(name).and_then(|value| value.parse::<u64>().ok());
        RateLimit {
            limit: integer("x-ratelimit-limit"),
            remaining: integer("x-ratelimit-remaining"),
            reset: text("x-ratelimit-reset").and_then(parse_reset),
            daily_requests_left: integer("x-daily-requests-left"),
            retry_after: text("retry-after").and_then(parse_retry_after),
        }
    }

    /// Whether no rate-limit header was present.
    pub fn is_empty(&self) -> bool {
        *self == RateLimit::default()
    }

    /// How long the server asks to wait: `retry-after`, else
    /// `x-ratelimit-reset`.
    pub fn suggested_wait(&self) -> Option<Duration> {
        self.retry_after.or(self.reset)
    }
}

/// Reads `x-ratelimit-reset`: seconds from now, or a Unix time.
fn parse_reset(text: &str) -> Option<Duration> {
    let number: f64 = text.parse().ok()?;
    if !number.is_finite() || number < 0.0 {
        return None;
    }
    if number >= UNIX_TIME_THRESHOLD {
        let now = chrono::Utc::now().timestamp_millis() as f64 / 1000.0;
        return Some(Duration::from_secs_f64((number - now).max(0.0)));
    }
    Some(Duration::from_secs_f64(number))
}

/// Reads `Retry-After`: seconds, or an HTTP date (RFC 9110, section 10.2.3).
fn parse_retry_after(text: &str) -> Option<Duration> {
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(text).ok()?;
    let wait = date.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}
