//! `stormwall checkpoints list|export`: a board's checkpoints for the operator, on the server
//! machine — list them, or write one as board JSON (the same as the REST export).

use stormwall_model::export;

use crate::history::{decode_board, store, time::rfc3339, valid_id};
use crate::store::Store;

/// Arguments of `stormwall checkpoints`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckpointsArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: CheckpointsAction,

    /// Where the boards are stored.
    #[command(flatten)]
    pub db: super::DatabaseArg,
}

/// An operator action on a board's checkpoints.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum CheckpointsAction {
    /// The board's checkpoints, newest first: id, time, reason, bytes, changes since the
    /// previous one (stickies/links/frames +added ~changed -removed), who, name.
    List {
        /// The board's id.
        board: String,
    },
    /// Writes checkpoint CID of BOARD as board JSON (the format of the board export).
    Export {
        /// The board's id.
        board: String,
        /// The checkpoint's id.
        cid: String,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<std::path::PathBuf>,
    },
}

/// Runs an action; returns the exit code (0 done, 1 no such board or checkpoint, 2 failure).
pub fn run_checkpoints(args: &CheckpointsArgs) -> i32 {
    super::with_store(&args.db.database_url, async |store| {
        match act(store, &args.action).await {
            Ok(()) => 0,
            Err((code, msg)) => {
                eprintln!("error: {msg}");
                code
            }
        }
    })
}

async fn act(store: &Store, action: &CheckpointsAction) -> Result<(), (i32, String)> {
    let storage = |e: sqlx::Error| (2, format!("storage: {e}"));
    match action {
        CheckpointsAction::List { board } => {
            let info = store.board(board).await.map_err(storage)?;
            info.ok_or_else(|| (1, format!("no board with id {board}")))?;
            print!(
                "{}",
                listing(&store::list(store, board).await.map_err(storage)?)
            );
            Ok(())
        }
        CheckpointsAction::Export { board, cid, output } => {
            let info = store.board(board).await.map_err(storage)?;
            let info = info.ok_or_else(|| (1, format!("no board with id {board}")))?;
            let missing = || (1, format!("no checkpoint {cid} on board {board}"));
            if !valid_id(cid) {
                return Err(missing());
            }
            let data = store::state(store, board, Some(cid))
                .await
                .map_err(storage)?;
            let mut b = decode_board(&data.ok_or_else(missing)?);
            b.name = info.name;
            let json = export::to_json(&b);
            match output {
                Some(path) => std::fs::write(path, json)
                    .map_err(|e| (2, format!("cannot write {}: {e}", path.display()))),
                None => {
                    print!("{json}");
                    Ok(())
                }
            }
        }
    }
}

/// One line per checkpoint, tab-separated.
fn listing(list: &[crate::history::Checkpoint]) -> String {
    list.iter()
        .map(|c| {
            let s = &c.summary;
            let counts = |n: &stormwall_model::history::Counts| {
                format!("+{}~{}-{}", n.added, n.changed, n.removed)
            };
            format!(
                "{}\t{}\t{}\t{}\t{}/{}/{}\t{}\t{}\n",
                c.id,
                rfc3339(c.created_at),
                c.reason.as_str(),
                c.bytes,
                counts(&s.stickies),
                counts(&s.links),
                counts(&s.frames),
                c.by.as_deref().unwrap_or("-"),
                c.name.as_deref().unwrap_or(""),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{Checkpoint, Reason};
    use yrs::{ReadTxn, Transact};

    #[tokio::test]
    async fn the_operator_lists_and_exports_a_boards_checkpoints() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out.json");
        let store = Store::connect(&format!("sqlite://{}/c.db", dir.path().display()))
            .await
            .unwrap();
        store.create_board("b1", "Workshop").await.unwrap();
        let d = stormwall_model::doc::new_doc();
        let mut board = stormwall_model::reference::food_delivery_first();
        stormwall_model::doc::write_board(&d, &board);
        let state = d
            .transact()
            .encode_state_as_update_v1(&yrs::StateVector::default());
        let mut c = Checkpoint::new(
            Reason::Named,
            Some("큰 그림 다음".into()),
            Some("Alice".into()),
            state.len(),
        );
        c.summary.stickies.added = board.stickies.len();
        store::insert(&store, "b1", &c, &state).await.unwrap();

        let out = listing(&store::list(&store, "b1").await.unwrap());
        let n = board.stickies.len();
        assert!(out.starts_with(&format!("{}\t", c.id)), "{out}");
        assert!(
            out.ends_with(&format!(
                "\tnamed\t{}\t+{n}~0-0/+0~0-0/+0~0-0\tAlice\t큰 그림 다음\n",
                state.len()
            )),
            "{out}"
        );

        let export = |cid: &str| CheckpointsAction::Export {
            board: "b1".into(),
            cid: cid.into(),
            output: Some(file.clone()),
        };
        act(&store, &export(&c.id)).await.unwrap();
        board.name = "Workshop".into();
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            export::to_json(&board)
        );
        assert_eq!(
            act(&store, &export(&"0".repeat(32))).await.unwrap_err().0,
            1
        );
        let list = CheckpointsAction::List {
            board: "nope".into(),
        };
        assert_eq!(act(&store, &list).await.unwrap_err().0, 1);
    }
}
