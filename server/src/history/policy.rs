//! When rooms make automatic checkpoints, how long checkpoints and the trash are kept: the
//! `--checkpoint-*`, `--keep-*` and `--trash-days` options (documented in `docs/history.md`).

/// The history options of the server.
#[derive(Debug, Clone, clap::Args)]
pub struct HistoryPolicy {
    /// Seconds after the last checkpoint when the next edit makes an automatic one.
    #[arg(long, env = "STORMWALL_CHECKPOINT_INTERVAL_S", default_value_t = 300)]
    pub checkpoint_interval_s: u64,

    /// Updates after the last checkpoint when the next edit makes an automatic one, however
    /// little time passed.
    #[arg(
        long,
        env = "STORMWALL_CHECKPOINT_EVERY_UPDATES",
        default_value_t = 2_000
    )]
    pub checkpoint_every_updates: u64,

    /// An update removing more stickies than this is a bulk delete: the state before it is
    /// kept as a checkpoint.
    #[arg(long, env = "STORMWALL_BULK_DELETE_STICKIES", default_value_t = 5)]
    pub bulk_delete_stickies: usize,

    /// Hours during which every automatic checkpoint is kept.
    #[arg(long, env = "STORMWALL_KEEP_ALL_HOURS", default_value_t = 24)]
    pub keep_all_hours: u64,

    /// Days during which one automatic checkpoint per hour is kept (after `--keep-all-hours`).
    #[arg(long, env = "STORMWALL_KEEP_HOURLY_DAYS", default_value_t = 7)]
    pub keep_hourly_days: u64,

    /// Days during which one automatic checkpoint per UTC day is kept; older automatic
    /// checkpoints are deleted. Named checkpoints are kept until a facilitator deletes them.
    #[arg(long, env = "STORMWALL_KEEP_DAILY_DAYS", default_value_t = 90)]
    pub keep_daily_days: u64,

    /// Days during which deleted stickies, links and frames are listed in the trash.
    #[arg(long, env = "STORMWALL_TRASH_DAYS", default_value_t = 30)]
    pub trash_days: u64,

    /// Named checkpoints one board may hold.
    #[arg(long, env = "STORMWALL_MAX_NAMED_CHECKPOINTS", default_value_t = 200)]
    pub max_named_checkpoints: usize,
}

/// Milliseconds in an hour.
pub const HOUR_MS: i64 = 3_600_000;
/// Milliseconds in a day.
pub const DAY_MS: i64 = 24 * HOUR_MS;

impl HistoryPolicy {
    /// The activity interval in milliseconds.
    pub fn interval_ms(&self) -> i64 {
        self.checkpoint_interval_s as i64 * 1000
    }

    /// How far back the trash reaches, in milliseconds.
    pub fn trash_ms(&self) -> i64 {
        self.trash_days as i64 * DAY_MS
    }
}
