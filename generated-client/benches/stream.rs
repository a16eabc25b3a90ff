//! Peak memory of a long `.stream()`: v2 `getDeals` served by a local HTTP
//! server in pages of 500 deals, streamed through `client.v2()` to the
//! end, 1,000 deals and then 100,000. A stream holds one page at a time, so
//! the peak resident set should not grow with the length of the list.
//!
//! `cargo bench -p pipedrive --bench stream` (Linux: the peak is the
//! process's `VmHWM`, reset between the runs through `/proc/self/clear_refs`).
//! It prints numbers; it asserts nothing, and CI does not run it.

use std::time::Instant;

use futures_util::TryStreamExt;
use pipedrive::{Client, auth};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Deals per page, as a sync job would ask for them.
const PAGE: u64 = 500;

/// One v2 deal as the list returns it, with custom fields of several kinds.
fn deal(id: u64) -> String {
    format!(
        r#"{{"id":{id},"title":"Deal {id}: office fit-out","creator_user_id":8877,"owner_id":8877,"value":{value},"currency":"EUR","person_id":{person},"org_id":{org},"stage_id":2,"pipeline_id":1,"status":"open","add_time":"2026-03-01T09:30:00Z","update_time":"2026-03-02T10:00:00Z","stage_change_time":"2026-03-02T10:00:00Z","is_deleted":false,"is_archived":false,"archive_time":null,"probability":null,"lost_reason":null,"visible_to":3,"close_time":null,"won_time":null,"lost_time":null,"local_won_date":null,"local_lost_date":null,"local_close_date":null,"expected_close_date":"2026-06-30","label_ids":[1,4],"origin":"API","origin_id":null,"channel":null,"channel_id":null,"acv":null,"arr":null,"mrr":null,"custom_fields":{{"d4de1c1518b4531717c676029a45911c340390a6":"Key account","9c1f0e8a5b7d4e3f2a1b0c9d8e7f6a5b4c3d2e1f":{{"value":{value},"currency":"EUR"}},"3f6a0c2e9b8d7a1f4e5c6b7a8d9e0f1a2b3c4d5e":12,"7b2e4d6f8a0c1e3a5b7d9f1c3e5a7b9d1f3a5c7e":[3,5],"0e4c8a2f6b1d5e9a3c7f0b4d8e2a6c1f5b9d3e7a":{{"start":"2026-04-01","end":"2026-04-30"}},"e2a6c1f5b9d3e7a0e4c8a2f6b1d5e9a3c7f0b4d8":null}}}}"#,
        value = 1000 + id % 9000,
        person = 100 + id % 50,
        org = 200 + id % 20,
    )
}

/// The page that starts at `cursor` (a number), for a list of `total` deals.
fn page(cursor: u64, total: u64) -> String {
    let end = (cursor + PAGE).min(total);
    let deals: Vec<String> = (cursor..end).map(|index| deal(index + 1)).collect();
    let next = if end < total {
        format!("\"{end}\"")
    } else {
        "null".to_owned()
    };
    format!(
        r#"{{"success":true,"data":[{}],"additional_data":{{"next_cursor":{next}}}}}"#,
        deals.join(",")
    )
}

/// Answers every request of one connection with the page its `cursor`
/// names, until the client closes it.
async fn serve(mut socket: TcpStream, total: u64) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    let mut chunk = [0_u8; 4096];
    loop {
        let head_end = loop {
            if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
                break end + 4;
            }
            let read = socket.read(&mut chunk).await?;
            if read == 0 {
                return Ok(());
            }
            buffer.extend_from_slice(&chunk[..read]);
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
        buffer.drain(..head_end);
        let target = head.split_whitespace().nth(1).unwrap_or("/");
        let cursor = target
            .split(['?', '&'])
            .find_map(|pair| pair.strip_prefix("cursor="))
            .and_then(|value| value.parse().ok())
            .unwrap_or(0);
        let body = page(cursor, total);
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(response.as_bytes()).await?;
    }
}

/// A server for a list of `total` deals; its base URL.
async fn start_server(total: u64) -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(serve(socket, total));
        }
    });
    Ok(format!("http://{address}"))
}

/// A line of `/proc/self/status` in kibibytes (`VmHWM`, `VmRSS`).
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Resets the peak resident set to the current one (Linux 4.0 and later).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Streams a list of `total` deals to the end; the deals seen and the time.
async fn stream_all(total: u64) -> Result<(u64, f64), Box<dyn std::error::Error>> {
    let base_url = start_server(total).await?;
    let client = Client::builder()
        .base_url(&base_url)
        .credential(auth::api_key("bench-token"))
        .build()?;
    let started = Instant::now();
    let mut deals = client.v2().deals().get_deals().limit(PAGE as i64).stream();
    let mut seen = 0;
    let mut value_sum = 0.0;
    while let Some(deal) = deals.try_next().await? {
        seen += 1;
        value_sum += deal.value.unwrap_or_default();
    }
    std::hint::black_box(value_sum);
    Ok((seen, started.elapsed().as_secs_f64()))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo bench` passes `--bench`; a filter is not supported.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let mib =
        |kib: Option<u64>| kib.map_or("?".to_owned(), |kib| format!("{:.1}", kib as f64 / 1024.0));
    println!("streaming v2 getDeals from a local server, {PAGE} deals per page");
    println!("| deals | pages | time | deals/s | peak RSS (MiB) | RSS after (MiB) |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut peaks = Vec::new();
    for total in [1_000_u64, 100_000] {
        let reset = reset_peak();
        let (seen, seconds) = runtime.block_on(stream_all(total))?;
        if seen != total {
            return Err(format!("streamed {seen} deals of {total}").into());
        }
        let peak = if reset { status_kib("VmHWM") } else { None };
        peaks.push(peak);
        println!(
            "| {total} | {} | {seconds:.2} s | {:.0} | {} | {} |",
            total.div_ceil(PAGE),
            total as f64 / seconds,
            mib(peak),
            mib(status_kib("VmRSS"))
        );
    }
    if let [Some(small), Some(large)] = peaks[..] {
        println!(
            "peak RSS, 100,000 deals against 1,000: {:.2}x",
            large as f64 / small as f64
        );
    }
    Ok(())
}
