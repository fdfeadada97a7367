//! A throwaway Redis for the cluster benchmark: `redis-server` with its append-only file
//! fsynced on every write (as `docs/deploy.md` asks) on a free loopback port, killed and
//! deleted when dropped.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::cmd::step;
use crate::setup;

/// A running Redis.
pub struct Redis {
    child: Child,
    dir: PathBuf,
    /// Its URL.
    pub url: String,
}

impl Redis {
    /// Starts Redis and waits until it listens.
    pub fn start() -> anyhow::Result<Redis> {
        step("starting a throwaway Redis");
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let dir = std::env::temp_dir().join(format!("stormwall-redis-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        let child = Command::new(setup::program("redis-server")?)
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .arg("--dir")
            .arg(&dir)
            .args([
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
            ])
            .stdout(Stdio::null())
            .spawn()?;
        let redis = Redis {
            child,
            dir,
            url: format!("redis://127.0.0.1:{port}/0"),
        };
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(redis);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        anyhow::bail!("redis-server did not start")
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
