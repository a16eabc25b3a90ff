//! Decoding and encoding realistic pages through the generated models,
//! against `#[derive(Deserialize, Serialize)]` structs of the same shape, in
//! the same criterion group so that the ratio shows.
//!
//! `cargo bench -p pipedrive --bench decode`. Three pages of 500 items each,
//! built in memory (`decode/payloads.rs`): v1 `GET /deals` with custom fields
//! and related objects, v2 `GET /deals` with `custom_fields`, v2
//! `GET /products`. For each, `decode/<page>` times
//!
//! - `generated`: `serde_json::from_slice` into the type `send()` returns;
//! - `generated, as send() reads it`: the runtime's body decoding, which also
//!   keeps the path of a field that does not match;
//! - `derive`: `serde_json::from_slice` into the derived structs
//!   (`decode/derive_v1.rs`, `decode/derive_v2.rs`);
//!
//! and `encode/<page>` times `serde_json::to_vec` of the decoded page on each
//! side. At the end, one line per page and direction gives the ratio
//! generated / derive of the median times, measured again outside criterion
//! with the two sides run in turn, so that a change in the machine's load
//! falls on both (`cargo bench -p pipedrive --bench decode -- none` prints
//! only these lines: the filter matches no criterion benchmark).

// The deals of `payloads.rs` are one `json!` each, deeper than the default
// limit of 128 macro expansions.
#![recursion_limit = "256"]

#[path = "decode/derive_v1.rs"]
mod derive_v1;
#[path = "decode/derive_v2.rs"]
mod derive_v2;
#[path = "decode/payloads.rs"]
mod payloads;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// How many times the summary runs each decoding and encoding.
const RUNS: usize = 41;

/// One measured page: its name, its bytes, and a function per side that
/// decodes them.
struct Page {
    name: &'static str,
    body: Vec<u8>,
    generated: fn(&[u8]) -> Box<dyn ErasedSerialize>,
    derive: fn(&[u8]) -> Box<dyn ErasedSerialize>,
    through_runtime: fn(&[u8]),
}

/// A decoded page of either side, written back to bytes.
trait ErasedSerialize {
    fn to_bytes(&self) -> Vec<u8>;
}

impl<T: Serialize> ErasedSerialize for T {
    fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a decoded page serializes")
    }
}

/// `body` decoded as `T` with `serde_json`, boxed for writing back.
fn decode<T: DeserializeOwned + Serialize + 'static>(body: &[u8]) -> Box<dyn ErasedSerialize> {
    let decoded: T = serde_json::from_slice(body).expect("the page decodes");
    Box::new(decoded)
}

/// `body` decoded as `T` the way `RawResponse::json` (and so `send()`)
/// decodes it.
fn decode_through_runtime<T: DeserializeOwned>(body: &[u8]) {
    let decoded: Result<T, _> = pipedrive::runtime::codec::from_json_body(body);
    black_box(decoded.expect("the page decodes"));
}

fn pages() -> Vec<Page> {
    vec![
        Page {
            name: "v1_deals",
            body: payloads::v1_deals(),
            generated: decode::<pipedrive::v1::models::GetDeals>,
            derive: decode::<derive_v1::GetDeals>,
            through_runtime: decode_through_runtime::<pipedrive::v1::models::GetDeals>,
        },
        Page {
            name: "v2_deals",
            body: payloads::v2_deals(),
            generated: decode::<pipedrive::v2::models::DealListResponse>,
            derive: decode::<derive_v2::DealListResponse>,
            through_runtime: decode_through_runtime::<pipedrive::v2::models::DealListResponse>,
        },
        Page {
            name: "v2_products",
            body: payloads::v2_products(),
            generated: decode::<pipedrive::v2::models::ProductListResponse>,
            derive: decode::<derive_v2::ProductListResponse>,
            through_runtime: decode_through_runtime::<pipedrive::v2::models::ProductListResponse>,
        },
    ]
}

/// The median times of `runs` calls of each of `works`, the calls taken in
/// turn (one of each, then again, each round starting one further along)
/// so that a change in the machine's load, or what the call before left
/// behind in the allocator, falls on all of them alike; one call of each
/// warms up first.
fn medians<const N: usize>(runs: usize, works: [&dyn Fn(); N]) -> [Duration; N] {
    works.iter().for_each(|work| work());
    let mut times = vec![Vec::with_capacity(runs); N];
    for round in 0..runs {
        for offset in 0..N {
            let index = (round + offset) % N;
            let start = Instant::now();
            works[index]();
            times[index].push(start.elapsed());
        }
    }
    times.iter_mut().for_each(|times| times.sort_unstable());
    std::array::from_fn(|index| times[index][runs / 2])
}

fn main() {
    let mut criterion = Criterion::default().sample_size(20).configure_from_args();
    let pages = pages();
    for page in &pages {
        // Both sides must read the page as the same thing: each writes back
        // what it read, and the two writes must be the same JSON value.
        let generated = (page.generated)(&page.body).to_bytes();
        let derived = (page.derive)(&page.body).to_bytes();
        let generated_value: serde_json::Value = serde_json::from_slice(&generated).expect("JSON");
        let derived_value: serde_json::Value = serde_json::from_slice(&derived).expect("JSON");
        assert_eq!(
            generated_value, derived_value,
            "{}: the generated models and the derive read the page differently",
            page.name
        );

        let mut group = criterion.benchmark_group(format!("decode/{}", page.name));
        group.throughput(Throughput::Bytes(page.body.len() as u64));
        group.bench_function("generated", |bencher| {
            bencher.iter(|| (page.generated)(black_box(&page.body)))
        });
        group.bench_function("generated, as send() reads it", |bencher| {
            bencher.iter(|| (page.through_runtime)(black_box(&page.body)))
        });
        group.bench_function("derive", |bencher| {
            bencher.iter(|| (page.derive)(black_box(&page.body)))
        });
        group.finish();

        let generated = (page.generated)(&page.body);
        let derived = (page.derive)(&page.body);
        let mut group = criterion.benchmark_group(format!("encode/{}", page.name));
        group.throughput(Throughput::Bytes(page.body.len() as u64));
        group.bench_function("generated", |bencher| bencher.iter(|| generated.to_bytes()));
        group.bench_function("derive", |bencher| bencher.iter(|| derived.to_bytes()));
        group.finish();
    }
    criterion.final_summary();

    println!(
        "\nratio generated / derive, median of {RUNS} runs each, taken in turn (KiB = page size):"
    );
    for page in &pages {
        let generated_page = (page.generated)(&page.body);
        let derived_page = (page.derive)(&page.body);
        let [generated, through_runtime, derived] = medians(
            RUNS,
            [
                &|| drop(black_box((page.generated)(&page.body))),
                &|| (page.through_runtime)(&page.body),
                &|| drop(black_box((page.derive)(&page.body))),
            ],
        );
        let [encode_generated, encode_derived] = medians(
            RUNS,
            [&|| drop(black_box(generated_page.to_bytes())), &|| {
                drop(black_box(derived_page.to_bytes()))
            }],
        );
        println!(
            "{:<12} {:>5} KiB  decode {:>8.2?} / {:>8.2?} = {:.2}x (as send() reads it: {:>8.2?}, {:.2}x)  encode {:>8.2?} / {:>8.2?} = {:.2}x",
            page.name,
            page.body.len() / 1024,
            generated,
            derived,
            generated.as_secs_f64() / derived.as_secs_f64(),
            through_runtime,
            through_runtime.as_secs_f64() / derived.as_secs_f64(),
            encode_generated,
            encode_derived,
            encode_generated.as_secs_f64() / encode_derived.as_secs_f64(),
        );
    }
}
