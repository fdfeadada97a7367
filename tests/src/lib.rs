//! Test harness: an in-process Stormwall server on a free port, and a Rust y-websocket peer
//! that holds a real yrs document. Used by the integration tests and the load generator.

pub mod cluster;
pub mod history;
pub mod peer;
pub mod server;

pub use peer::Peer;
pub use server::TestServer;

/// Runs each listed `async fn NAME(database_url: &str) -> anyhow::Result<()>` as two tests,
/// `NAME::sqlite` and `NAME::postgres`, so the same suite proves both backends behave the same.
/// The PostgreSQL variant needs `STORMWALL_TEST_POSTGRES_URL` (set by `cargo xtask test`).
#[macro_export]
macro_rules! on_both_databases {
    ($($body:ident),* $(,)?) => {$(
        mod $body {
            #[tokio::test]
            async fn sqlite() -> anyhow::Result<()> {
                let (_dir, url) = $crate::server::sqlite_url();
                super::$body(&url).await
            }

            #[tokio::test]
            async fn postgres() -> anyhow::Result<()> {
                match $crate::server::postgres_url() {
                    Some(url) => super::$body(&url).await,
                    None => Ok(()),
                }
            }
        }
    )*};
}
