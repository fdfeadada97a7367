//! A y-websocket peer in Rust: a real yrs document synced with a Stormwall board over a real
//! WebSocket, speaking the protocol through `stormwall_model::protocol`.

use std::collections::HashMap;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use stormwall_model::access::AccessNotice;
use stormwall_model::doc::{self, Roots};
use stormwall_model::protocol::{self, Incoming};
use stormwall_model::Board;
use tokio::net::TcpStream;
use tokio::time::{timeout_at, Instant};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::AwarenessUpdate;
use yrs::updates::decoder::Decode;
use yrs::{ClientID, Doc, ReadTxn, Transact, TransactionMut, Update};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A callback run after each applied remote update.
pub type UpdateHook = Box<dyn FnMut(&Doc) + Send>;

/// One connected peer.
pub struct Peer {
    /// The peer's copy of the board.
    pub doc: Doc,
    /// Its root types.
    pub roots: Roots,
    ws: Socket,
    /// Awareness states seen, by client id (JSON text).
    pub awareness: HashMap<u64, String>,
    /// Sync-status acknowledgements received (payloads).
    pub acks: Vec<Vec<u8>>,
    /// Server notices received (codes), e.g. that storage is failing.
    pub notices: Vec<String>,
    /// Access notices received (rights, refusals).
    pub access: Vec<AccessNotice>,
    /// Silent-writing notices received (on or off).
    pub silent: Vec<bool>,
    /// Every binary frame received, as it came, when set to `Some` (off by default).
    pub raw: Option<Vec<Vec<u8>>>,
    /// The close frame the server sent, once closed.
    pub closed: Option<Option<CloseFrame>>,
    /// Workshop states received (phase, timer, follow, own votes).
    pub workshop: Vec<stormwall_model::workshop::StateView>,
    /// Called after every remote update is applied (the load generator measures latency here).
    pub on_update: Option<UpdateHook>,
    synced: bool,
}

/// How long a test waits for something it expects.
pub const PATIENCE: Duration = Duration::from_secs(10);

impl Peer {
    /// Connects to `ws://addr/sync/{board}` and completes the initial sync (see [`Peer::connect`]).
    pub async fn join(addr: std::net::SocketAddr, board: &str) -> anyhow::Result<Peer> {
        let mut p = Peer::connect(addr, board).await?;
        p.sync().await?;
        Ok(p)
    }

    /// Connects without waiting for the initial sync. `board` is a board id (a board the test
    /// process created is opened with its facilitator's key) or `{id}?key={key}`.
    pub async fn connect(addr: std::net::SocketAddr, board: &str) -> anyhow::Result<Peer> {
        let board = crate::server::keyed(board);
        Peer::connect_path(addr, &format!("sync/{board}")).await
    }

    /// Connects to `ws://addr/{path}` and completes the initial sync (any y-websocket server).
    pub async fn join_path(addr: std::net::SocketAddr, path: &str) -> anyhow::Result<Peer> {
        let mut p = Peer::connect_path(addr, path).await?;
        p.sync().await?;
        Ok(p)
    }

    async fn connect_path(addr: std::net::SocketAddr, path: &str) -> anyhow::Result<Peer> {
        let config = tokio_tungstenite::tungstenite::protocol::WebSocketConfig::default()
            .max_message_size(Some(256 << 20))
            .max_frame_size(Some(256 << 20));
        let url = format!("ws://{addr}/{path}");
        let (ws, _) = tokio_tungstenite::connect_async_with_config(url, Some(config), true).await?;
        let doc = doc::new_doc();
        let roots = Roots::of(&doc);
        Ok(Peer {
            doc,
            roots,
            ws,
            awareness: HashMap::new(),
            acks: Vec::new(),
            notices: Vec::new(),
            access: Vec::new(),
            silent: Vec::new(),
            raw: None,
            closed: None,
            workshop: Vec::new(),
            on_update: None,
            synced: false,
        })
    }

    /// Sends SyncStep1 and waits for the server's SyncStep2.
    pub async fn sync(&mut self) -> anyhow::Result<()> {
        let sv = self.doc.transact().state_vector();
        self.send_raw(protocol::sync_step1(&sv)).await?;
        self.until(|p| p.synced).await
    }

    /// Sends raw bytes as one binary frame.
    pub async fn send_raw(&mut self, frame: Vec<u8>) -> anyhow::Result<()> {
        self.ws.send(Message::Binary(frame.into())).await?;
        Ok(())
    }

    /// Edits the document locally and sends the update.
    pub async fn edit(
        &mut self,
        f: impl FnOnce(&Roots, &mut TransactionMut),
    ) -> anyhow::Result<()> {
        let update = {
            let mut txn = self.doc.transact_mut();
            f(&self.roots, &mut txn);
            txn.encode_update_v1()
        };
        self.send_raw(protocol::update(update)).await
    }

    /// Announces an awareness state for this peer's client id.
    pub async fn announce(&mut self, clock: u32, json: &str) -> anyhow::Result<()> {
        let mut clients = HashMap::new();
        clients.insert(
            ClientID::new(self.doc.client_id().get()),
            AwarenessUpdateEntry {
                clock,
                json: json.into(),
            },
        );
        self.send_raw(protocol::awareness(AwarenessUpdate { clients }))
            .await
    }

    /// Sends a workshop command.
    pub async fn workshop(
        &mut self,
        cmd: &stormwall_model::workshop::Command,
    ) -> anyhow::Result<()> {
        self.send_raw(protocol::workshop(&cmd.encode())).await
    }

    /// The board as this peer sees it.
    pub fn board(&self) -> Board {
        doc::snapshot(&self.doc)
    }

    /// Reads frames until `done` holds, failing after [`PATIENCE`].
    pub async fn until(&mut self, done: impl Fn(&Peer) -> bool) -> anyhow::Result<()> {
        let deadline = Instant::now() + PATIENCE;
        while !done(self) {
            let msg = timeout_at(deadline, self.ws.next())
                .await
                .map_err(|_| anyhow::anyhow!("timed out waiting for the server"))?;
            match msg {
                Some(Ok(Message::Binary(b))) => self.on_frame(&b).await?,
                Some(Ok(Message::Close(frame))) => {
                    self.closed = Some(frame);
                    if !done(self) {
                        anyhow::bail!("connection closed: {:?}", self.closed);
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => anyhow::bail!("socket error: {e}"),
                None => {
                    self.closed.get_or_insert(None);
                    if !done(self) {
                        anyhow::bail!("connection ended");
                    }
                }
            }
        }
        Ok(())
    }

    /// Processes frames as they arrive until `deadline`.
    pub async fn pump_until(&mut self, deadline: Instant) -> anyhow::Result<()> {
        loop {
            match timeout_at(deadline, self.ws.next()).await {
                Err(_) => return Ok(()),
                Ok(Some(Ok(Message::Binary(b)))) => self.on_frame(&b).await?,
                Ok(Some(Ok(Message::Close(_)))) | Ok(None) => anyhow::bail!("connection closed"),
                Ok(Some(Ok(_))) => {}
                Ok(Some(Err(e))) => anyhow::bail!("socket error: {e}"),
            }
        }
    }

    /// Processes whatever frames arrive until none has come for `quiet`.
    pub async fn pump(&mut self, quiet: Duration) -> anyhow::Result<()> {
        loop {
            match tokio::time::timeout(quiet, self.ws.next()).await {
                Err(_) => return Ok(()),
                Ok(Some(Ok(Message::Binary(b)))) => self.on_frame(&b).await?,
                Ok(Some(Ok(Message::Close(_)))) | Ok(None) => anyhow::bail!("connection closed"),
                Ok(Some(Ok(_))) => {}
                Ok(Some(Err(e))) => anyhow::bail!("socket error: {e}"),
            }
        }
    }

    /// Waits for the server to close the connection and returns its close frame.
    pub async fn closed_by_server(&mut self) -> anyhow::Result<Option<CloseFrame>> {
        self.until(|p| p.closed.is_some()).await?;
        Ok(self.closed.clone().flatten())
    }

    async fn on_frame(&mut self, data: &[u8]) -> anyhow::Result<()> {
        if let Some(raw) = self.raw.as_mut() {
            raw.push(data.to_vec());
        }
        match protocol::decode(data)? {
            Incoming::SyncStep1(sv) => {
                let diff = self.doc.transact().encode_state_as_update_v1(&sv);
                self.send_raw(protocol::sync_step2(diff)).await?;
            }
            Incoming::SyncStep2(u) => {
                self.apply(&u)?;
                self.synced = true;
            }
            Incoming::Update(u) => self.apply(&u)?,
            Incoming::Awareness(a) => {
                for (id, e) in a.clients {
                    if &*e.json == "null" {
                        self.awareness.remove(&id.get());
                    } else {
                        self.awareness.insert(id.get(), e.json.to_string());
                    }
                }
            }
            Incoming::SyncStatus(p) => self.acks.push(p),
            Incoming::Notice(code) => self.notices.push(code),
            Incoming::Access(p) => self.access.extend(protocol::read_access_notice(&p)),
            Incoming::SilentWriting(p) => self
                .silent
                .extend(protocol::read_silent_writing_notice(&p).map(|n| n.on)),
            Incoming::QueryAwareness => {}
            Incoming::Workshop(p) => self
                .workshop
                .extend(stormwall_model::workshop::StateView::decode(&p)),
        }
        Ok(())
    }

    fn apply(&mut self, update: &[u8]) -> anyhow::Result<()> {
        self.doc
            .transact_mut()
            .apply_update(Update::decode_v1(update)?)?;
        if let Some(hook) = self.on_update.as_mut() {
            hook(&self.doc);
        }
        Ok(())
    }
}
