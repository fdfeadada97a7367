//! A real Stormwall server started in-process on 127.0.0.1:0, over SQLite or PostgreSQL, and
//! the share-link keys of the boards the tests create (so a test names a board by its id and
//! the helpers bring the facilitator's key along).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{LazyLock, Mutex};

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
    /// Starts a server on `database_url` with extra command-line `args` (no board files unless
    /// `args` name a `--web-dir`).
    pub async fn start(database_url: &str, args: &[&str]) -> anyhow::Result<TestServer> {
        let mut all = vec!["--bind", "127.0.0.1:0", "--database-url", database_url];
        if !args.iter().any(|a| a.starts_with("--web-dir")) {
            all.extend(["--web-dir", "/nonexistent"]);
        }
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

    /// Creates a board through the REST API, remembers its keys and returns its id.
    pub async fn create_board(&self, name: &str) -> anyhow::Result<String> {
        create_board(self.addr, name).await
    }

    /// A REST request to `path`, carrying the facilitator's key of the board it names.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let req = reqwest::Client::new().request(method, format!("{}{path}", self.http()));
        match key_for_path(path) {
            Some(key) => req.bearer_auth(key),
            None => req,
        }
    }
}

/// Creates a board on the server at `addr`, remembers its keys and returns its id.
async fn create_board(addr: SocketAddr, name: &str) -> anyhow::Result<String> {
    let resp = reqwest::Client::new()
        .post(format!("http://{addr}/api/boards"))
        .json(&serde_json::json!({ "name": name }))
        .send()
        .await?;
    anyhow::ensure!(
        resp.status() == 201,
        "create board answered {}",
        resp.status()
    );
    Ok(remember(&resp.json().await?))
}

/// Keys of the boards this test process created, by board id, then role.
static KEYS: LazyLock<Mutex<HashMap<String, HashMap<String, String>>>> =
    LazyLock::new(Default::default);

/// Records the links in a board-creation answer (`{"id", "links": {role: url}}`); returns the
/// board's id.
pub fn remember(created: &serde_json::Value) -> String {
    let id = created["id"].as_str().unwrap_or_default().to_string();
    let keys = created["links"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(role, url)| {
            let key = url.as_str()?.split_once("?key=")?.1;
            Some((role.clone(), key.to_string()))
        })
        .collect();
    KEYS.lock().expect("keys").insert(id.clone(), keys);
    id
}

/// The key of `role` (`facilitator`, `participant`, `viewer`) for a board this process made.
pub fn key(board: &str, role: &str) -> Option<String> {
    KEYS.lock().expect("keys").get(board)?.get(role).cloned()
}

/// Records a replaced link (`{"role", "url"}`, the answer of a rotation).
pub fn remember_rotated(board: &str, rotated: &serde_json::Value) {
    let (Some(role), Some(key)) = (
        rotated["role"].as_str(),
        rotated["url"].as_str().and_then(|u| u.split_once("?key=")),
    ) else {
        return;
    };
    KEYS.lock()
        .expect("keys")
        .entry(board.into())
        .or_default()
        .insert(role.into(), key.1.into());
}

/// `board` with the facilitator's key as a query (`{id}?key={key}`), as the sync path takes
/// it; a board given with a query of its own, or unknown here, is returned as it is.
pub fn keyed(board: &str) -> String {
    match key(board, "facilitator") {
        Some(k) if !board.contains('?') => format!("{board}?key={k}"),
        _ => board.to_string(),
    }
}

/// The facilitator's key of the board an API path names (`/api/boards/{id}…`), if known.
pub fn key_for_path(path: &str) -> Option<String> {
    let rest = path.split("/api/boards/").nth(1)?;
    let id = rest.split(['/', '?']).next()?;
    key(id, "facilitator")
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
        ServerProcess::start_with(database_url, port, &[]).await
    }

    /// Starts `stormwall` on `port` with extra command-line `args`.
    pub async fn start_with(
        database_url: &str,
        port: u16,
        args: &[&str],
    ) -> anyhow::Result<ServerProcess> {
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
            .args(args)
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

    /// Creates a board through the REST API, remembers its keys and returns its id.
    pub async fn create_board(&self, name: &str) -> anyhow::Result<String> {
        create_board(self.addr, name).await
    }
}
