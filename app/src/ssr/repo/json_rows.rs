//! Many rows in one statement on PostgreSQL: sent as a single JSON value and unpacked with
//! `json_to_recordset`, not as thousands of bound values. The sweep's 1,000-row statements
//! with 3,000–9,000 values took about twice as long from the server as the same SQL with
//! literals in psql (docs/performance.md). SQLite keeps its `?` markers, which it binds
//! cheaply (see `markers`).
use sqlx::AnyConnection;

/// Whether `conn`'s database takes many rows as one JSON value.
pub fn wanted(conn: &AnyConnection) -> bool {
    conn.backend_name() == "PostgreSQL"
}

/// The rows as a JSON array of objects, one per row, keyed by field name.
pub fn encode<T: serde::Serialize>(rows: &[T]) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string(rows).expect("rows serialise to JSON")
}
