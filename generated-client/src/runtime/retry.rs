//! When and how long to wait before trying a request again.

use std::time::Duration;

use http::Method;

/// When a request is tried again, and how long the client waits in between.
///
/// The client retries:
///
/// - responses `408 Request Timeout`, `429 Too Many Requests`,
///   `500 Internal Server Error`, `502 Bad Gateway`, `503 Service Unavailable`
///   and `504 Gateway Timeout` (other statuses, such as `501 Not Implemented`,
///   will not change on a retry);
/// - transport errors (connection reset, broken response, ...);
/// - connection failures (refused, DNS, TLS handshake) for every method,
///   since the request never reached the server.
///
/// Only idempotent methods (`GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS`,
/// `TRACE`) are retried after a response or a transport error, unless
/// [`RetryPolicy::retry_non_idempotent`] opts `POST` and `PATCH` in.
/// Timeouts are not retried: the timeout is the caller's bound on waiting.
///
/// Waits grow exponentially with full jitter (a random wait between zero and
/// `initial_backoff * 2^(retry - 1)`, capped at `max_backoff`). A
/// `Retry-After` header (seconds or an HTTP date) or, on a 429 without it, an
/// `x-ratelimit-reset` header (seconds) is honoured instead. The client gives
/// up after `max_attempts` attempts, or when the next wait would end after
/// `max_elapsed` since the first attempt, and returns the last response.
///
/// ```
/// use std::time::Duration;
/// use pipedrive::runtime::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_attempts(6)
///     .initial_backoff(Duration::from_millis(200))
///     .max_elapsed(Duration::from_secs(120));
/// let never = RetryPolicy::none();
/// # let _ = (patient, never);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// Four attempts, waits from 500 ms up to 30 s, at most 60 s in all,
    /// idempotent methods only.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_elapsed: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries: every request is sent once.
    pub fn none() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The most attempts, the first one included (at least 1).
    pub fn max_attempts(mut self, max_attempts: u32) -> RetryPolicy {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The upper bound of the first wait; each later one doubles it.
    pub fn initial_backoff(mut self, initial_backoff: Duration) -> RetryPolicy {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The largest computed wait (a server's `Retry-After` may ask for more).
    pub fn max_backoff(mut self, max_backoff: Duration) -> RetryPolicy {
        self.max_backoff = max_backoff;
        self
    }

    /// The longest time from the first attempt to the start of the last one.
    pub fn max_elapsed(mut self, max_elapsed: Duration) -> RetryPolicy {
        self.max_elapsed = max_elapsed;
        self
    }

    /// Also retries non-idempotent requests (`POST`, `PATCH`). Use it only
    /// when sending the request twice does no harm.
    pub fn retry_non_idempotent(mut self) -> RetryPolicy {
        self.retry_non_idempotent = true;
        self
    }

    /// The most attempts, the first one included.
    pub fn attempt_limit(&self) -> u32 {
        self.max_attempts
    }

    /// The longest time from the first attempt to the start of the last one.
    pub fn elapsed_limit(&self) -> Duration {
        self.max_elapsed
    }

    /// Whether a request with this method may be sent again after it may have
    /// reached the server.
    pub(crate) fn allows_method(&self, method: &Method) -> bool {
        self.retry_non_idempotent || is_idempotent(method)
    }

    /// A random wait before retry number `retry` (1 for the first retry).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(30);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1_u32 << exponent)
            .min(self.max_backoff);
        ceiling.mul_f64(fastrand::f64())
    }
}

/// Whether a method is idempotent (RFC 9110, section 9.2.2).
fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
        Method::TRACE,
    ]
    .contains(method)
}

/// Whether a response status is worth another attempt.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_stays_under_the_doubling_ceiling_and_the_cap() {
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        for _ in 0..50 {
            assert!(policy.backoff(1) <= Duration::from_millis(100));
            assert!(policy.backoff(2) <= Duration::from_millis(200));
            assert!(policy.backoff(5) <= Duration::from_millis(350));
            assert!(policy.backoff(40) <= Duration::from_millis(350));
        }
    }

    #[test]
    fn only_idempotent_methods_are_retried_by_default() {
        let policy = RetryPolicy::default();
        assert!(policy.allows_method(&Method::GET));
        assert!(policy.allows_method(&Method::PUT));
        assert!(!policy.allows_method(&Method::POST));
        assert!(!policy.allows_method(&Method::PATCH));
        assert!(policy.retry_non_idempotent().allows_method(&Method::POST));
    }
}
