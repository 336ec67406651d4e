//! The allocator settings inference needs.
//!
//! libtorch allocates every activation tensor with `posix_memalign`. With glibc's defaults,
//! blocks above 128 KiB (the threshold grows only slowly) are `mmap`ed and returned to the
//! kernel on free, so each forward pass faults in, zeroes and unmaps its activations again:
//! a third of the pipeline's time went to the kernel. Raising the mmap and trim thresholds
//! keeps freed blocks in the heap for the next batch; peak memory does not change.

/// Largest mmap threshold glibc accepts on 64-bit targets (`DEFAULT_MMAP_THRESHOLD_MAX`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 32 * 1024 * 1024;

/// Freed memory at the top of the heap is returned to the kernel only above this much.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_THRESHOLD: libc::c_int = 1024 * 1024 * 1024;

/// Keeps freed tensor memory in the process for reuse (glibc only; elsewhere a no-op). The
/// setting is process-wide, and setting it again is harmless.
pub fn keep_freed_memory_for_reuse() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; both values are within glibc's limits.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
    }
}
