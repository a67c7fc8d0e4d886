//! How the server's allocators keep memory.
//!
//! The server binary's Rust allocations go to mimalloc (`main.rs`): with glibc's two arenas,
//! allocating and freeing was about 16 % of a filing's CPU, with mimalloc about 6 % (and 5 %
//! less server CPU per filing), for about 20 MB more peak memory under the filing load
//! (docs/performance.md). SQLite's C code still allocates from glibc, tuned here (on Linux;
//! elsewhere nothing changes).
//!
//! glibc's defaults cost the server RSS it never uses again:
//! - up to 8 arenas per core, one per thread that ever met contention (tokio workers, the
//!   blocking pool, one thread per SQLite connection), each keeping its own freed pages;
//! - a "dynamic" mmap threshold: after the first large block (Argon2id's 19 MiB at a sign-in)
//!   is freed, blocks up to that size come from the heap, whose top is given back only when it
//!   is free, so the next hashes leave tens of MB resident.
//!
//! Two arenas, and a fixed 256 KiB mmap threshold (fixing it also fixes the trim threshold),
//! mean a large block is mapped and unmapped on its own, and freed heap tops go back to the
//! system. The measured effect is in docs/performance.md.

/// Called first in `main`, before the runtime's threads allocate much.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is safe to call at any time.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}
