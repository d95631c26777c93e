//! Knowledge-base articles, their editors' comments and usage statistics.
