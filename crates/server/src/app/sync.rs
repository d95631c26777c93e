//! The sync protocol: push of ops, pull of changes by bucket.
