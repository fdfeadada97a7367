//! A real Stormwall server started in-process on 127.0.0.1:0, over SQLite or PostgreSQL.

use std::net::SocketAddr;

use clap::Parser;
use stormwall_server::app;
use stormwall_server::config::Config;
use stormwall_server::store::Store;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running server; dropping it does not stop it, call [`TestServer::stop`].
pub struct TestServer {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its database URL.
    pub database_url: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
}

impl TestServer {
    /// Starts a server on `database_url` with extra command-line `args`.
    pub async fn start(database_url: &str, args: &[&str]) -> anyhow::Result<TestServer> {
        let mut all = vec![
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            database_url,
            "--web-dir",
            "/nonexistent",
        ];
        all.extend_from_slice(args);
        let config = Config::parse_from(std::iter::once("stormwall").chain(all.iter().copied()));
        let store = Store::connect(database_url).await?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(app::serve_on(listener, store, config, async move {
            let _ = stopped.await;
        }));
        Ok(TestServer {
            addr,
            database_url: database_url.to_string(),
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Shuts down gracefully (flushes every board) and waits for it.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            t.await??;
        }
        Ok(())
    }

    /// `http://addr`.
    pub fn http(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Creates a board through the REST API and returns its id.
    pub async fn create_board(&self, name: &str) -> anyhow::Result<String> {
        let resp = reqwest::Client::new()
            .post(format!("{}/api/boards", self.http()))
            .json(&serde_json::json!({ "name": name }))
            .send()
            .await?;
        anyhow::ensure!(
            resp.status() == 201,
            "create board answered {}",
            resp.status()
        );
        let body: serde_json::Value = resp.json().await?;
        Ok(body["id"].as_str().unwrap_or_default().to_string())
    }
}

/// A fresh SQLite database URL in a new temporary folder (kept alive by the returned guard).
pub fn sqlite_url() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/stormwall.db", dir.path().display());
    (dir, url)
}

/// The PostgreSQL URL the test run provides, if any. When `STORMWALL_REQUIRE_POSTGRES` is set
/// (as `cargo xtask test` does) a missing URL is an error, never a silent skip.
pub fn postgres_url() -> Option<String> {
    match std::env::var("STORMWALL_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("STORMWALL_REQUIRE_POSTGRES").is_none(),
                "STORMWALL_TEST_POSTGRES_URL is required"
            );
            eprintln!("PostgreSQL tests skipped: STORMWALL_TEST_POSTGRES_URL is not set (cargo xtask test sets it)");
            None
        }
    }
}

/// The `stormwall` binary the process-level tests run: `STORMWALL_BIN`, else the one built
/// beside the test executable (`target/debug/stormwall`).
pub fn server_binary() -> std::path::PathBuf {
    let beside_tests = || {
        let exe = std::env::current_exe().expect("test executable path");
        exe.parent()
            .and_then(|deps| deps.parent())
            .map(|dir| dir.join("stormwall"))
            .unwrap_or_default()
    };
    let bin = std::env::var_os("STORMWALL_BIN")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(beside_tests);
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build -p stormwall-server` (cargo xtask test does)",
        bin.display()
    );
    bin
}

/// The server binary running as a child process.
pub struct ServerProcess {
    /// Where it listens.
    pub addr: SocketAddr,
    child: tokio::process::Child,
}

impl ServerProcess {
    /// Starts `stormwall` on `addr` (port 0 picks a free one) and waits until it listens.
    pub async fn start(database_url: &str, port: u16) -> anyhow::Result<ServerProcess> {
        use tokio::io::AsyncBufReadExt;
        let mut child = tokio::process::Command::new(server_binary())
            .args([
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--database-url",
                database_url,
                "--web-dir",
                "/nonexistent",
            ])
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()?;
        let mut lines = tokio::io::BufReader::new(child.stdout.take().expect("piped")).lines();
        let line = tokio::time::timeout(std::time::Duration::from_secs(20), lines.next_line())
            .await??
            .unwrap_or_default();
        let url = line
            .split("open ")
            .nth(1)
            .ok_or_else(|| anyhow::anyhow!("unexpected first line {line:?}"))?;
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()?;
        Ok(ServerProcess { addr, child })
    }

    /// Kills the process with SIGKILL: no flush, no goodbye.
    pub async fn kill(mut self) -> anyhow::Result<()> {
        self.child.kill().await?;
        Ok(())
    }

    /// Creates a board through the REST API.
    pub async fn create_board(&self, name: &str) -> anyhow::Result<String> {
        let resp = reqwest::Client::new()
            .post(format!("http://{}/api/boards", self.addr))
            .json(&serde_json::json!({ "name": name }))
            .send()
            .await?;
        let body: serde_json::Value = resp.json().await?;
        Ok(body["id"].as_str().unwrap_or_default().to_string())
    }
}
