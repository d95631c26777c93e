//! Knowledge base: articles and their workflow (SPEC §4).
