//! Lists every open deal through API v2, following the cursor pages by
//! itself, then prints the totals of v1's deals summary (an operation only
//! v1 has) and the rate-limit budget left.
//!
//! `cargo run -p pipedrive --example list_deals` (set `PIPEDRIVE_API_TOKEN` to
//! use the real API; otherwise it talks to a local mock).

mod support;

use futures_util::TryStreamExt;
use pipedrive::v1::models::DealStatusFilter;
use pipedrive::v2::models::DealStatus;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let setup = support::client().await?;
    let client = &setup.client;

    // v2 lists by cursor: `.stream()` asks for the next page while
    // `next_cursor` names one.
    let mut deals = client
        .v2()
        .deals()
        .get_deals()
        .status(vec![DealStatus::Open])
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

    // The deals summary exists only in v1, and the same client serves it.
    let summary = client
        .v1()
        .deals()
        .get_deals_summary()
        .status(DealStatusFilter::Open)
        .send()
        .await?;
    if let Some(summary) = summary.data {
        println!(
            "open deals are worth {} in all (v1 deals summary)",
            summary
                .total_currency_converted_value_formatted
                .unwrap_or_default()
        );
    }
    if let Some(rate_limit) = client.last_rate_limit() {
        println!("rate limit: {rate_limit:?}");
    }
    Ok(())
}
