use std::io::{self, Write};

use tracing_subscriber::{fmt, EnvFilter};

use crate::config::LogFormat;

/// Human-readable logs for development, JSON lines for production. `RUST_LOG` filters.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = fmt().with_env_filter(filter).with_target(false);
    let _ = match format {
        // User text (a name, a description, a header) could start a forged log line with a
        // CR or LF; the human format writes each event as one line with them escaped.
        LogFormat::Human => builder.with_writer(|| OneLine(io::stdout())).try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// A writer that keeps each event on one line. The fmt layer formats an event into a buffer
/// and writes it with one `write_all`, ending in its own newline; every other CR or LF in it
/// came from a field value and is written as `\r` / `\n`.
pub struct OneLine<W>(pub W);

impl<W: Write> Write for OneLine<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_all(&escape_line_breaks(buf))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// `event` with inner CR and LF escaped, keeping one final newline if it had one.
pub fn escape_line_breaks(event: &[u8]) -> Vec<u8> {
    let (body, ends_line) = match event.strip_suffix(b"\n") {
        Some(body) => (body, true),
        None => (event, false),
    };
    let mut out = Vec::with_capacity(event.len() + 8);
    for &byte in body {
        match byte {
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            other => out.push(other),
        }
    }
    if ends_line {
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().expect("lock").extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn line_breaks_inside_an_event_are_escaped_and_the_last_is_kept() {
        assert_eq!(
            escape_line_breaks(b"name=a\r\nINFO forged\n"),
            b"name=a\\r\\nINFO forged\n"
        );
        assert_eq!(escape_line_breaks(b"plain"), b"plain");
    }

    #[test]
    fn user_text_with_a_forged_line_stays_on_one_log_line() {
        let captured = Captured::default();
        let sink = captured.clone();
        let subscriber = fmt()
            .with_ansi(false)
            .with_writer(move || OneLine(sink.clone()))
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let name = "张三\r\n2026-01-01T00:00:00Z  INFO admin signed in";
            tracing::info!(%name, "report filed");
            tracing::warn!("{name}");
        });
        let text = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf-8");
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.contains("张三\\r\\n2026-01-01"), "{text}");
    }
}
