//! Lists every open deal, following the pages by itself, then prints the
//! rate-limit budget left.
//!
//! `cargo run -p pipedrive --example list_deals` (set `PIPEDRIVE_API_TOKEN` to
//! use the real API).

#![allow(
    deprecated,
    reason = "this example still calls the v1 operation; moving the examples to v2 is a separate change"
)]

mod support;

use futures_util::TryStreamExt;
use pipedrive::models::DealStatusFilterParameter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let setup = support::client().await?;
    let client = &setup.client;

    let mut deals = client
        .v1()
        .deals()
        .get_deals()
        .status(DealStatusFilterParameter::Open)
        .limit(100)
        .stream();
    let mut count = 0;
    while let Some(deal) = deals.try_next().await? {
        count += 1;
        println!(
            "#{:<6} {:<40} {:>12} {}",
            deal.id,
            deal.title,
            deal.value
                .map(|value| value.to_string())
                .unwrap_or_default(),
            deal.currency.as_deref().unwrap_or("")
        );
    }
    println!("{count} open deals");
    if let Some(rate_limit) = client.last_rate_limit() {
        println!("rate limit: {rate_limit:?}");
    }
    Ok(())
}
