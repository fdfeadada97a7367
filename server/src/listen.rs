//! The accept loop: serves HTTP/1 and HTTP/2 (with WebSocket upgrades) on each accepted TCP
//! connection, with a time limit on reading a request's headers, so a client that opens
//! connections and trickles bytes (slowloris) cannot hold them. Each request carries the
//! peer's address for the per-IP limits. On shutdown it stops accepting, lets the caller
//! close the boards, then waits a bounded time for open HTTP exchanges to finish.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tower::ServiceExt;

/// Longest wait for a request's headers once a connection is open or a request has begun.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest wait for open HTTP exchanges after shutdown began.
const DRAIN: Duration = Duration::from_secs(5);

/// Serves `app` on `listener` until `shutdown` resolves; then runs `close` (flush boards,
/// close sockets) and drains open connections.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()>,
    close: impl Future<Output = ()>,
) {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    builder.http2().timer(TokioTimer::new());
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        // Small sync frames must leave at once: Nagle's algorithm would hold them for tens of ms.
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "cannot set TCP_NODELAY");
        }
        let service = app
            .clone()
            .layer(axum::Extension(ConnectInfo::<SocketAddr>(peer)))
            .map_request(|req: hyper::Request<Incoming>| req.map(axum::body::Body::new));
        let conn = builder
            .serve_connection_with_upgrades(TokioIo::new(tcp), TowerToHyperService::new(service));
        let conn = graceful.watch(conn.into_owned());
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }
    drop(listener);
    close.await;
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("open HTTP connections did not finish in time");
    }
}
