//! Assembles the server: state, routes, static board files (revalidated on every visit), the HTTP guard (host, origin,
//! security headers), request time limits, and the serve loop with graceful shutdown (refuse
//! new joins, flush every board within a time limit, close every socket).

use std::future::Future;
use std::sync::Arc;

use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::time::Duration;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeader;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::cluster::member::{RedisCluster, Settings};
use crate::cluster::Timing;
use crate::config::{Config, HttpPolicy};
use crate::http_guard::{self, Guard};
use crate::metrics::Metrics;
use crate::rooms::Shared;
use crate::store::{redact, Store};
use crate::{api, ws};

/// State shared by every handler.
#[derive(Clone)]
pub struct AppState {
    /// Rooms, store, limits and metrics.
    pub shared: Arc<Shared>,
    /// Origins, hosts, metrics access, request rates and analysis limits.
    pub http: Arc<HttpPolicy>,
    /// Per-IP rate of board creation, import and uploads.
    pub creates: Arc<crate::rate::PerIp>,
    /// Analysis and coverage computations running at once.
    pub analysis: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// State for `shared` under `policy`.
    pub fn new(shared: Arc<Shared>, policy: &HttpPolicy) -> AppState {
        AppState {
            shared,
            creates: Arc::new(crate::rate::PerIp::per_minute(policy.creates_per_minute)),
            analysis: Arc::new(tokio::sync::Semaphore::new(
                policy.analysis_concurrency.max(1),
            )),
            http: Arc::new(policy.clone()),
        }
    }
}

/// The full router: API, sync endpoint, and the built board (with `/b/{id}` served the app).
pub fn router(state: AppState, config: &Config) -> Router {
    let index = config.web_dir.join("index.html");
    let scripts = std::fs::read_to_string(&index).unwrap_or_default();
    let guard = Guard::new(config.bind, &config.http, &scripts);
    let timeout = Duration::from_secs(config.http.request_timeout_s.max(1));
    let app = Router::new()
        .merge(api::routes())
        .route("/sync/{id}", get(ws::sync));
    let app = if index.exists() {
        // Revalidated on every visit (a cheap 304 when unchanged): the page and the model
        // worker keep their names across builds, so a cached copy must never outlive an upgrade.
        // A page's path (`/`, `/b/{id}`) is served the app; a file the build does not have is a
        // 404, never the app in its place (a script or module would fail on it in riddles).
        let page = ServeFile::new(index);
        let pages = tower::service_fn(move |req: axum::extract::Request| {
            let page = page.clone();
            async move {
                if names_a_file(req.uri().path()) {
                    Ok((axum::http::StatusCode::NOT_FOUND, "No such file.").into_response())
                } else {
                    page.oneshot(req).await.map(IntoResponse::into_response)
                }
            }
        });
        let files = SetResponseHeader::if_not_present(
            ServeDir::new(&config.web_dir).fallback(pages),
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        );
        app.fallback_service(files)
    } else {
        tracing::warn!(dir = %config.web_dir.display(), "board not built; serving the API only (run `cargo xtask run`)");
        app.fallback(|| async {
            (
                axum::http::StatusCode::NOT_FOUND,
                "The board is not built. Run `cargo xtask run`.",
            )
        })
    };
    app.layer(TimeoutLayer::with_status_code(
        axum::http::StatusCode::REQUEST_TIMEOUT,
        timeout,
    ))
    .layer(axum::middleware::from_fn_with_state(
        guard,
        http_guard::guard,
    ))
    // Spans name the path only: a share link's key travels in the query string.
    .layer(TraceLayer::new_for_http().make_span_with(crate::access::request_span))
    .with_state(state)
}

/// Whether a path names a file (its last segment has an extension) rather than a page.
fn names_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// Connects to the database and serves until `shutdown` resolves, then flushes every board.
pub async fn serve(
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let store = Store::connect(&config.database_url).await?;
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.bind))?;
    serve_on(listener, store, config, shutdown).await
}

/// What a cluster member is configured with.
fn cluster_settings(url: &str, config: &Config) -> Settings {
    let c = &config.cluster;
    let ms = std::time::Duration::from_millis;
    Settings {
        url: url.to_string(),
        timing: Timing {
            every: ms(c.cluster_compact_ms.max(50)),
            lease: ms(c.cluster_lease_ms.max(3 * c.cluster_compact_ms.max(50))),
            lifetime: ms(c.cluster_stream_lifetime_ms),
        },
        node_ttl: ms(c.cluster_node_ttl_ms.max(400)),
        max_message: config.limits.max_frame_bytes,
        max_tail_bytes: config.limits.max_doc_bytes.saturating_mul(2),
    }
}

/// Serves on an already bound listener (tests bind port 0).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    store: Store,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let metrics = Arc::new(Metrics::default());
    let shared = match &config.cluster.redis_url {
        None => Shared::new(store.clone(), config.limits.clone(), metrics),
        Some(url) => {
            let member =
                RedisCluster::connect(cluster_settings(url, &config), store.clone()).await?;
            Shared::with_peers(
                store.clone(),
                member.clone(),
                member,
                config.limits.clone(),
                metrics,
            )
        }
    };
    let app = router(AppState::new(shared.clone(), &config.http), &config);
    let addr = listener.local_addr()?;
    tracing::info!(database = %redact(&config.database_url), "storage ready");
    println!("Stormwall is running: open http://{addr}/");
    let rooms = shared.clone();
    let stopping = async move {
        tracing::info!("shutting down: refusing new joins, flushing boards");
        rooms.shutdown().await;
    };
    crate::listen::serve(listener, app, shutdown, stopping).await;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}
