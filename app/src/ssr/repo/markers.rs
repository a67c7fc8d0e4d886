//! Bind markers for long multi-row statements, written in the order the values are bound.
//! SQLite keeps `$n` markers in a list it searches by name, once while parsing and once more
//! per value sqlx binds, so a statement's cost grows with the square of its markers: a
//! 1,000-row notification insert (8,000 markers) spent half a second there. Anonymous `?`
//! markers are bound by position and skip both searches. PostgreSQL knows only `$n`.
use sqlx::AnyConnection;

pub struct Markers {
    numbered: bool,
    count: usize,
}

impl Markers {
    /// Markers for a statement run on `conn`'s database.
    pub fn for_connection(conn: &AnyConnection) -> Markers {
        Markers::new(conn.backend_name() != "SQLite")
    }

    fn new(numbered: bool) -> Markers {
        Markers { numbered, count: 0 }
    }

    /// The marker of the next value bound.
    pub fn take(&mut self) -> String {
        self.count += 1;
        if self.numbered {
            format!("${}", self.count)
        } else {
            "?".to_owned()
        }
    }

    /// `(m, m, …)`: the markers of one row of `width` values.
    pub fn row(&mut self, width: usize) -> String {
        let markers: Vec<String> = (0..width).map(|_| self.take()).collect();
        format!("({})", markers.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_markers_count_on_across_rows_and_anonymous_ones_are_bare() {
        let mut numbered = Markers::new(true);
        assert_eq!(numbered.take(), "$1");
        assert_eq!(numbered.row(3), "($2, $3, $4)");
        assert_eq!(numbered.row(2), "($5, $6)");
        let mut anonymous = Markers::new(false);
        assert_eq!(anonymous.take(), "?");
        assert_eq!(anonymous.row(3), "(?, ?, ?)");
    }
}
