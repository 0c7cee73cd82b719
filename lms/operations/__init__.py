"""Operations: database-neutral backup and restore with their fingerprint (`backup`), used by the
`backup`, `restore` and `data_fingerprint` management commands."""
