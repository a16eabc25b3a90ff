//! Searches products by name or code through API v2 and prints the matches
//! with their score, following the result pages by cursor.
//!
//! `cargo run -p pipedrive --example search_products -- <term>` (set
//! `PIPEDRIVE_API_TOKEN` to use the real API; otherwise it talks to a local
//! mock).

mod support;

use futures_util::TryStreamExt;
use pipedrive::v2::models::ProductSearchItemItemCode;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let term = std::env::args().nth(1).unwrap_or_else(|| "desk".to_owned());
    let setup = support::client().await?;

    // Search results are a cursor list too; `.stream()` follows the pages.
    let mut results = setup
        .client
        .v2()
        .products()
        .search_products(term.clone())
        .limit(20)
        .stream();
    let mut count = 0;
    while let Some(result) = results.try_next().await? {
        count += 1;
        let Some(product) = result.item else {
            continue;
        };
        let code = match &product.code {
            Some(ProductSearchItemItemCode::String(code)) => code.clone(),
            Some(ProductSearchItemItemCode::Integer(code)) => code.to_string(),
            Some(other) => format!("{other:?}"),
            None => String::new(),
        };
        println!(
            "{:>5.2}  #{:<6} {:<30} {}",
            result.result_score.unwrap_or_default(),
            product.id.unwrap_or_default(),
            product.name.as_deref().unwrap_or(""),
            code
        );
    }
    println!("{count} products match {term:?}");
    Ok(())
}
