//! `server verify-audit`: walks the audit log's hash chain and reports the first broken link.
//! The lead wires it into the command line (cli.rs); it migrates nothing and writes nothing.
use std::io::Write;

use app::ssr::{
    db::{Db, DbError},
    services::audit,
};

use crate::cli_error::CliError;

/// What the command answers with: exit code 0 when the chain is intact, 2 when broken.
#[derive(Debug, PartialEq, Eq)]
pub enum AuditStatus {
    Intact,
    Broken,
}

/// Verifies the chain in `database_url` and writes the result (zh, then en) to `out`. The
/// database is neither made nor migrated (it was: a read-only check changed the schema), and
/// one a newer version migrated ends with that exit code, as every command does.
pub async fn verify_audit(
    database_url: &str,
    out: &mut dyn Write,
) -> Result<AuditStatus, CliError> {
    let db = Db::open_existing(database_url).await?;
    let result = verified(&db).await;
    db.pool.close().await;
    let verification = result?;
    match &verification.first_broken {
        None => {
            writeln!(
                out,
                "审计日志完整：{} 条记录 audit log intact: {} rows",
                verification.rows_checked, verification.rows_checked
            )?;
            Ok(AuditStatus::Intact)
        }
        Some(link) => {
            writeln!(
                out,
                "审计日志被改动：{} audit log broken: {} ({} rows before it are intact)",
                link.describe_zh(),
                link.describe_en(),
                verification.rows_checked
            )?;
            Ok(AuditStatus::Broken)
        }
    }
}

async fn verified(db: &Db) -> Result<audit::Verification, CliError> {
    let status = db.migration_status().await?;
    if !status.unknown.is_empty() {
        return Err(DbError::NewerDatabase(status.unknown).into());
    }
    audit::verify(db)
        .await
        .map_err(|e| CliError::Audit(format!("audit verification failed: {e}")))
}
