//! Searches products by name or code and prints the matches with their score.
//!
//! `cargo run -p pipedrive --example search_products -- <term>` (set
//! `PIPEDRIVE_API_TOKEN` to use the real API).

#![allow(
    deprecated,
    reason = "this example still calls the v1 operation; moving the examples to v2 is a separate change"
)]

mod support;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let term = std::env::args().nth(1).unwrap_or_else(|| "seat".to_owned());
    let setup = support::client().await?;

    let results = setup
        .client
        .v1()
        .products()
        .search_products(term.clone())
        .limit(20)
        .send()
        .await?;
    let items = results.data.and_then(|data| data.items).unwrap_or_default();
    println!("{} products match {term:?}", items.len());
    for result in items {
        println!("{:?}", result);
    }
    Ok(())
}
