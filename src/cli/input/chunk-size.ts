// How much of a file is read at a time, by the single-threaded reader and by the worker pool.

/** Large reads: fewer system calls, and `indexOf` scans long runs of bytes at native speed. */
export const CHUNK_SIZE = 1024 * 1024;
