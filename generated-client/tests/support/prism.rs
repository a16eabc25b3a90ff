//! Starts Prism (the spec-validating mock server) on a loopback port for the
//! contract tests, and stops it when the guard is dropped, also when a test
//! fails.

use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};

use super::spec::workspace_root;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long Prism may take to start on a busy 2-core machine.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(90);

/// A running Prism mock server. Dropping it stops the server.
pub struct Prism {
    child: Child,
    address: SocketAddr,
    log_path: PathBuf,
}

impl Prism {
    /// Starts `prism mock <options> <spec>` on a free loopback port,
    /// installing the pinned npm packages first when they are missing, and
    /// waits until it answers. `options` are Prism's own (`["-d", "--seed",
    /// "7"]` for generated data); `spec` is a path.
    pub fn start(spec: &Path, options: &[&str]) -> Prism {
        let spec_directory = workspace_root().join("spec");
        let binary = spec_directory.join("node_modules/.bin/prism");
        if !binary.exists() {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--prefix"])
                .arg(&spec_directory)
                .status()
                .expect("npm is needed to install Prism (spec/package.json)");
            assert!(status.success(), "`npm ci --prefix spec` failed: {status}");
        }
        let address = free_loopback_address();
        let log_path = std::env::temp_dir().join(format!("prism-{}.log", address.port()));
        let log = std::fs::File::create(&log_path).expect("could not create the Prism log file");
        let child = Command::new(&binary)
            .args(["mock", "--host", "127.0.0.1", "--port"])
            .arg(address.port().to_string())
            .args(options)
            .arg(spec)
            .stdout(Stdio::from(
                log.try_clone().expect("could not share the log file"),
            ))
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|error| panic!("could not start {}: {error}", binary.display()));
        let mut prism = Prism {
            child,
            address,
            log_path,
        };
        prism.wait_until_ready();
        prism
    }

    /// The base URL clients should use.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// What Prism printed so far, for failure messages.
    pub fn log(&self) -> String {
        let mut text = String::new();
        if let Ok(mut file) = std::fs::File::open(&self.log_path) {
            let _ = file.read_to_string(&mut text);
        }
        text
    }

    /// The last `count` lines of Prism's log, for failure messages.
    pub fn log_tail(&self, count: usize) -> String {
        let log = self.log();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(count)..].join("\n")
    }

    /// How Prism ended, when it is no longer running. Prism should run until
    /// the guard is dropped; an early exit explains refused connections (for
    /// example, another process ran `npm ci` and replaced the modules that
    /// Prism was still loading).
    pub fn exit_status(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    fn wait_until_ready(&mut self) {
        let started = Instant::now();
        while started.elapsed() < STARTUP_TIMEOUT {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("Prism exited early with {status}:\n{}", self.log());
            }
            // Prism opens its port only once the spec has been loaded, and it
            // prints this line when it is ready to serve.
            if TcpStream::connect_timeout(&self.address, Duration::from_millis(200)).is_ok()
                && self.log().contains("Prism is listening")
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!(
            "Prism did not start within {} s:\n{}",
            STARTUP_TIMEOUT.as_secs(),
            self.log()
        );
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log_path);
    }
}

fn free_loopback_address() -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("no free loopback port");
    listener
        .local_addr()
        .expect("a bound listener has an address")
}
