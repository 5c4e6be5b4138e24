"""One page per sidebar entry. Each page takes the Session and implements Page."""
