//! HTTP hygiene applied to every request before it reaches a route:
//! - **Host** must be a name this server answers to (loopback names, the bind address, or a
//!   configured `--allowed-host`), which defeats DNS rebinding against a server on loopback;
//! - **Origin**, when a browser sends one, must be the server's own or a configured
//!   `--allowed-origin` on every state-changing request and on the sync socket's upgrade, so
//!   another site cannot write to boards through a visitor's browser;
//! - **security headers** on every answer: a content security policy that lets the board's
//!   WebAssembly run and nothing else, no framing, no MIME sniffing, no referrer.
//!
//! Non-browser clients (the CLI, stock y-websocket clients in Node) send no Origin and pass.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::HttpPolicy;

/// Which hosts and origins are allowed, resolved once at start.
#[derive(Debug, Clone)]
pub struct Guard {
    csp: HeaderValue,
    hosts: Vec<String>,
    any_host: bool,
    any_ip: bool,
    origins: Vec<String>,
}

impl Guard {
    /// The policy for a server bound to `bind` serving the board page `index_html` (its inline
    /// start-up scripts are allowed by hash, no other inline script is).
    pub fn new(bind: SocketAddr, policy: &HttpPolicy, index_html: &str) -> Arc<Guard> {
        let mut hosts: Vec<String> = ["localhost", "127.0.0.1", "[::1]"]
            .iter()
            .map(|h| h.to_string())
            .collect();
        hosts.push(match bind.ip() {
            std::net::IpAddr::V6(ip) => format!("[{ip}]"),
            ip => ip.to_string(),
        });
        hosts.extend(policy.allowed_hosts.iter().map(|h| h.to_ascii_lowercase()));
        Arc::new(Guard {
            csp: HeaderValue::from_str(&csp(index_html)).expect("CSP is ASCII"),
            any_host: policy.allowed_hosts.iter().any(|h| h == "*"),
            // Bound to every interface, the server is reached by the machine's addresses,
            // which rebinding cannot forge (it needs a name).
            any_ip: bind.ip().is_unspecified(),
            hosts,
            origins: policy
                .allowed_origins
                .iter()
                .map(|o| o.trim_end_matches('/').to_ascii_lowercase())
                .collect(),
        })
    }

    fn host_allowed(&self, host: &str) -> bool {
        let name = strip_port(host).to_ascii_lowercase();
        self.any_host
            || self.hosts.contains(&name)
            || (self.any_ip && (name.parse::<std::net::IpAddr>().is_ok() || name.starts_with('[')))
    }

    fn origin_allowed(&self, origin: &str, host: &str) -> bool {
        let origin = origin.to_ascii_lowercase();
        let own = origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest == host.to_ascii_lowercase());
        own || self.origins.contains(&origin)
    }
}

/// `host:port` → `host` (IPv6 literals keep their brackets).
fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host.split_inclusive(']').next().unwrap_or(host);
    }
    host.rsplit_once(':').map_or(host, |(h, _)| h)
}

fn changes_state(method: &Method, headers: &HeaderMap) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        || headers.contains_key(header::UPGRADE)
}

/// The middleware: refuses a foreign Host or Origin, and adds the security headers.
pub async fn guard(State(g): State<Arc<Guard>>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
        .unwrap_or("")
        .to_string();
    if !g.host_allowed(&host) {
        return (StatusCode::MISDIRECTED_REQUEST, "unknown host name").into_response();
    }
    if changes_state(req.method(), headers) {
        if let Some(origin) = headers.get(header::ORIGIN) {
            let ok = origin.to_str().is_ok_and(|o| g.origin_allowed(o, &host));
            if !ok {
                return (
                    StatusCode::FORBIDDEN,
                    "requests from this origin are not allowed",
                )
                    .into_response();
            }
        }
    }
    let mut res = next.run(req).await;
    add_security_headers(res.headers_mut(), &g.csp);
    res
}

/// SHA-256 sources (`'sha256-…'`) of the inline scripts of a page.
fn inline_script_hashes(html: &str) -> Vec<String> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let tag = &rest[..open_end];
        let body_and_more = &rest[open_end + 1..];
        let Some(close) = body_and_more.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body_and_more.as_bytes()[..close]);
            let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
            hashes.push(format!("'sha256-{b64}'"));
        }
        rest = &body_and_more[close..];
    }
    hashes
}

/// The content security policy: the board's own scripts (its start-up script by hash) and
/// WebAssembly, inline styles (the board positions stickies with style attributes), its own
/// sockets, pictures it draws; no framing, plugins or foreign forms.
fn csp(index_html: &str) -> String {
    let scripts = inline_script_hashes(index_html).join(" ");
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {scripts}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
         font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

fn add_security_headers(h: &mut HeaderMap, csp: &HeaderValue) {
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(csp.clone());
    let set = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in set {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(bind: &str, hosts: &[&str], origins: &[&str]) -> Arc<Guard> {
        let policy = HttpPolicy {
            allowed_hosts: hosts.iter().map(|s| s.to_string()).collect(),
            allowed_origins: origins.iter().map(|s| s.to_string()).collect(),
            ..HttpPolicy::default()
        };
        Guard::new(bind.parse().unwrap(), &policy, "")
    }

    #[test]
    fn inline_scripts_are_allowed_by_hash_only() {
        let html = r#"<script type="module">init()</script><script src="/a.js"></script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        assert!(hashes[0].starts_with("'sha256-"));
        assert!(
            !csp(html).contains("unsafe-inline'; style")
                || csp(html).contains("style-src 'self' 'unsafe-inline'")
        );
        assert!(!csp(html).contains("script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'"));
    }

    #[test]
    fn rebinding_names_are_refused_on_loopback() {
        let g = guard("127.0.0.1:8080", &[], &[]);
        assert!(g.host_allowed("127.0.0.1:8080"));
        assert!(g.host_allowed("localhost:8080"));
        assert!(g.host_allowed("[::1]:8080"));
        assert!(!g.host_allowed("evil.example:8080"));
        assert!(!g.host_allowed("10.0.0.5:8080"));
        let g = guard("0.0.0.0:8080", &["storm.example.com"], &[]);
        assert!(g.host_allowed("10.0.0.5:8080"));
        assert!(g.host_allowed("STORM.example.com"));
        assert!(!g.host_allowed("evil.example"));
    }

    #[test]
    fn only_the_own_and_listed_origins_may_change_state() {
        let g = guard("127.0.0.1:8080", &[], &["https://storm.example.com/"]);
        assert!(g.origin_allowed("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(g.origin_allowed("https://storm.example.com", "127.0.0.1:8080"));
        assert!(!g.origin_allowed("https://evil.example", "127.0.0.1:8080"));
        assert!(!g.origin_allowed("http://127.0.0.1:9999", "127.0.0.1:8080"));
    }
}
