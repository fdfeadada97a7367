//! The cluster scenario of the load generator: the S1 fan-out with its clients spread over
//! the nodes of a cluster (`--nodes ws://A/sync,ws://B/sync,…`): the writer on the first
//! node, the observers round-robin over all of them, so most deliveries cross nodes through
//! Redis.

use serde_json::json;

use super::{board, emit, fanout, Args};

/// S12: 1 writer on node A, 100 observers spread over every node, 20 updates/s.
pub async fn s12_cross_node(args: &Args) -> anyhow::Result<()> {
    if args.nodes.len() < 2 {
        return Ok(());
    }
    let b = board(args, "s12").await?;
    let (p50, p99, n) = fanout(args, &b, 1, 100, 20.0, args.seconds, &args.nodes).await?;
    emit(
        args,
        &format!(
            "S12 cross-node fan-out 1 writer + 100 observers over {} nodes",
            args.nodes.len()
        ),
        json!({ "p50_ms": p50, "p99_ms": p99, "deliveries": n }),
    );
    Ok(())
}
