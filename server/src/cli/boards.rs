//! `stormwall boards list|links`: the operator's view of the boards, on the server machine.
//! Listing every board and recovering links is for the operator only; the web API lists
//! nothing. The server keeps only hashes of keys, so recovering a board's links means issuing
//! new ones: the old links stop opening the board.

use stormwall_model::access::Role;

use crate::access::keys::{self, Links};
use crate::store::Store;

/// Arguments of `stormwall boards`.
#[derive(Debug, Clone, clap::Args)]
pub struct BoardsArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: BoardsAction,

    /// Where the boards are stored.
    #[command(flatten)]
    pub db: super::DatabaseArg,
}

/// An operator action on the stored boards.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum BoardsAction {
    /// Every board, newest first: id, lock, whether it has links, name.
    List,
    /// Issues new share links for board ID and prints them. The board's old links (of the
    /// roles issued) stop working; connections already open keep their session until they
    /// reconnect (the Share dialog's rotate closes them at once). Boards created before share
    /// links existed get their first links this way.
    Links {
        /// The board's id.
        id: String,
        /// Issue only this role's link (facilitator, participant or viewer).
        #[arg(long)]
        role: Option<String>,
        /// Put this in front of the links (e.g. `https://storm.example.org`).
        #[arg(long, default_value = "")]
        base_url: String,
    },
}

/// Runs an operator action; returns the exit code (0 done, 1 no such board, 2 failure).
pub fn run_boards(args: &BoardsArgs) -> i32 {
    super::with_store(&args.db.database_url, async |store| {
        match act(store, &args.action).await {
            Ok(out) => {
                print!("{out}");
                0
            }
            Err(Failure::NoBoard(id)) => {
                eprintln!("error: no board with id {id}");
                1
            }
            Err(Failure::Usage(msg)) => {
                eprintln!("error: {msg}");
                2
            }
            Err(Failure::Storage(e)) => {
                eprintln!("error: storage: {e}");
                2
            }
        }
    })
}

enum Failure {
    NoBoard(String),
    Usage(String),
    Storage(sqlx::Error),
}

impl From<sqlx::Error> for Failure {
    fn from(e: sqlx::Error) -> Failure {
        Failure::Storage(e)
    }
}

/// Does `action` and returns what to print.
async fn act(store: &Store, action: &BoardsAction) -> Result<String, Failure> {
    match action {
        BoardsAction::List => {
            let mut out = String::new();
            for b in keys::list(store).await? {
                let links = if b.keys == 0 { "no links" } else { "links" };
                let lock = if b.locked { "locked" } else { "open" };
                out += &format!("{}\t{lock}\t{links}\t{}\n", b.info.id, b.info.name);
            }
            Ok(out)
        }
        BoardsAction::Links { id, role, base_url } => {
            if keys::locked(store, id).await?.is_none() {
                return Err(Failure::NoBoard(id.clone()));
            }
            let issued: Vec<(Role, String)> = match role {
                Some(r) => {
                    let role = Role::parse(r).ok_or_else(|| {
                        Failure::Usage(format!(
                            "unknown role {r:?}: use facilitator, participant or viewer"
                        ))
                    })?;
                    vec![(role, keys::link(id, &keys::rotate(store, id, role).await?))]
                }
                None => {
                    let Links {
                        facilitator,
                        participant,
                        viewer,
                    } = keys::reissue_all(store, id).await?;
                    vec![
                        (Role::Facilitator, facilitator),
                        (Role::Participant, participant),
                        (Role::Viewer, viewer),
                    ]
                }
            };
            let base = base_url.trim_end_matches('/');
            Ok(issued
                .into_iter()
                .map(|(role, link)| format!("{:<12}{base}{link}\n", role.as_str()))
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_operator_lists_boards_and_issues_links_for_one() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite://{}/o.db", dir.path().display()))
            .await
            .unwrap();
        // A board from before share links: no keys.
        store.create_board("old", "Old board").await.unwrap();
        let (_, links) = keys::create_board(&store, "new", "New board", None)
            .await
            .unwrap();
        let list = act(&store, &BoardsAction::List).await.ok().unwrap();
        assert!(list.contains("old\topen\tno links\tOld board\n"), "{list}");
        assert!(list.contains("new\topen\tlinks\tNew board\n"), "{list}");

        let links_of = |id: &str, role: Option<&str>| BoardsAction::Links {
            id: id.into(),
            role: role.map(Into::into),
            base_url: "https://storm.example/".into(),
        };
        let out = act(&store, &links_of("old", None)).await.ok().unwrap();
        let viewer = out
            .lines()
            .find(|l| l.starts_with("viewer"))
            .and_then(|l| l.split("?key=").nth(1))
            .unwrap();
        assert!(out.contains("https://storm.example/b/old?key="), "{out}");
        let g = keys::resolve(&store, "old", viewer).await.unwrap().unwrap();
        assert_eq!(g.role, Role::Viewer);

        // Issuing one role's link replaces only that one.
        act(&store, &links_of("new", Some("viewer")))
            .await
            .ok()
            .unwrap();
        let old_viewer = links.viewer.split("?key=").nth(1).unwrap();
        assert!(keys::resolve(&store, "new", old_viewer)
            .await
            .unwrap()
            .is_none());
        let f = links.facilitator.split("?key=").nth(1).unwrap();
        assert!(keys::resolve(&store, "new", f).await.unwrap().is_some());
        assert!(matches!(
            act(&store, &links_of("nope", None)).await,
            Err(Failure::NoBoard(_))
        ));
        assert!(matches!(
            act(&store, &links_of("new", Some("admin"))).await,
            Err(Failure::Usage(_))
        ));
    }
}
