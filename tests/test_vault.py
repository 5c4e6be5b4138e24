"""The vault: creation, unlocking, key slots, wrong secrets, single writer, schema."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from wallet import db
from wallet.errors import SchemaTooNew, VaultLocked, WalletBusy, WalletNotFound, WrongSecretError
from wallet.keyslots import FAST_KDF, normalise_recovery_code
from wallet.vault import Wallet, failure_delay


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sqlcipher_4_defaults_and_raw_key(wallet: Wallet) -> None:
    conn = wallet.conn
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    settings = {row[0] for row in conn.execute("PRAGMA cipher_settings")}
    assert "PRAGMA cipher_page_size = 4096;" in settings
    assert "PRAGMA cipher_hmac_algorithm = HMAC_SHA512;" in settings
    assert "PRAGMA cipher_plaintext_header_size = 0;" in settings
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY


def test_nothing_readable_at_rest(wallet: Wallet, wallet_dir: Path) -> None:
    wallet.conn.execute("INSERT INTO meta (key, value) VALUES ('canary', 'CANARY-7f3a9c')")
    wallet.lock()
    for path in wallet_dir.iterdir():
        if path.is_file():
            raw = path.read_bytes()
            assert b"CANARY-7f3a9c" not in raw
            assert b"SQLite format 3\x00" not in raw


def test_round_trip_passphrase_and_recovery(wallet_dir: Path) -> None:
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF)
    created.wallet.conn.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
    created.wallet.lock()
    with Wallet.unlock(wallet_dir, PASSPHRASE) as again:
        assert again.get_meta("k") == "v"
    # Typed back by a person: lower case, spaces instead of dashes.
    typed = created.recovery_code.lower().replace("-", " ")
    with Wallet.unlock_with_recovery(wallet_dir, typed) as recovered:
        assert recovered.get_meta("k") == "v"


def test_recovery_code_is_unambiguous(wallet_dir: Path) -> None:
    code = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF).recovery_code
    groups = code.split("-")
    assert len(groups) == 5 and all(len(g) == 5 for g in groups)
    assert not set(code) & set("01OIL5S2Z")
    assert normalise_recovery_code(code.lower()) == code


def test_wrong_passphrase_leaves_files_unchanged(wallet: Wallet, wallet_dir: Path) -> None:
    wallet.lock()
    paths = [wallet_dir / "wallet.db", wallet_dir / "vault.json"]
    before = [(digest(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths]
    for attempt in ("wrong", "", PASSPHRASE + " "):
        with pytest.raises(WrongSecretError):
            Wallet.unlock(wallet_dir, attempt, sleep=lambda s: None)
    with pytest.raises(WrongSecretError):
        Wallet.unlock_with_recovery(
            wallet_dir, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", sleep=lambda s: None
        )
    after = [(digest(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths]
    assert before == after
    assert not (wallet_dir / "wallet.db-journal").exists()
    assert not (wallet_dir / "wallet.db-wal").exists()


def test_repeated_failures_are_answered_more_slowly(wallet: Wallet, wallet_dir: Path) -> None:
    wallet.lock()
    waits: list[float] = []
    for _ in range(6):
        with pytest.raises(WrongSecretError):
            Wallet.unlock(wallet_dir, "nope", sleep=waits.append)
    assert waits[:3] == [0.0, 0.0, 0.0]
    assert waits[3] > 0 and waits[4] > waits[3] and waits[5] > waits[4]
    # A success resets the count.
    Wallet.unlock(wallet_dir, PASSPHRASE).lock()
    with pytest.raises(WrongSecretError):
        Wallet.unlock(wallet_dir, "nope", sleep=waits.append)
    assert waits[-1] == 0.0
    assert failure_delay(100) <= 30


def test_tricky_passphrases_unlock(tmp_path: Path) -> None:
    for i, passphrase in enumerate(
        ["it's", 'say "hi"', "a; DROP TABLE meta; --", "énergie ☀ données", "x" * 1024]
    ):
        root = tmp_path / f"w{i}"
        Wallet.create(root, passphrase, kdf=FAST_KDF).wallet.lock()
        Wallet.unlock(root, passphrase).lock()


def test_missing_wallet_is_never_created(tmp_path: Path) -> None:
    root = tmp_path / "typo"
    with pytest.raises(WalletNotFound):
        Wallet.unlock(root, PASSPHRASE)
    assert not root.exists()
    with pytest.raises(WalletNotFound):
        db.connect(tmp_path / "nothing.db", os.urandom(32))
    assert not (tmp_path / "nothing.db").exists()


def test_change_passphrase_rewraps_without_rewriting_db(wallet: Wallet, wallet_dir: Path) -> None:
    wallet.lock()
    db_digest = digest(wallet_dir / "wallet.db")
    with Wallet.unlock(wallet_dir, PASSPHRASE) as opened:
        opened.change_passphrase("new one", kdf=FAST_KDF)
    assert digest(wallet_dir / "wallet.db") == db_digest
    with pytest.raises(WrongSecretError):
        Wallet.unlock(wallet_dir, PASSPHRASE, sleep=lambda s: None)
    Wallet.unlock(wallet_dir, "new one").lock()


def test_one_writer_at_a_time(wallet: Wallet, wallet_dir: Path) -> None:
    with pytest.raises(WalletBusy):
        Wallet.unlock(wallet_dir, PASSPHRASE)
    wallet.lock()
    Wallet.unlock(wallet_dir, PASSPHRASE).lock()


def test_locked_wallet_refuses_data_calls(wallet: Wallet) -> None:
    wallet.lock()
    with pytest.raises(VaultLocked):
        _ = wallet.conn
    with pytest.raises(VaultLocked):
        _ = wallet.data_key


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_private_permissions(wallet: Wallet, wallet_dir: Path) -> None:
    assert stat.S_IMODE(wallet_dir.stat().st_mode) == 0o700
    for name in ("wallet.db", "vault.json"):
        assert stat.S_IMODE((wallet_dir / name).stat().st_mode) == 0o600


def test_newer_schema_is_refused_and_left_untouched(wallet: Wallet, wallet_dir: Path) -> None:
    wallet.conn.execute("PRAGMA user_version = 999")
    wallet.lock()
    before = digest(wallet_dir / "wallet.db")
    with pytest.raises(SchemaTooNew):
        Wallet.unlock(wallet_dir, PASSPHRASE)
    assert digest(wallet_dir / "wallet.db") == before
    # The refusal released the writer lock.
    with pytest.raises(SchemaTooNew):
        Wallet.unlock(wallet_dir, PASSPHRASE)


def test_migration_from_schema_1(wallet_dir: Path) -> None:
    """A wallet left at schema 1 is brought to the latest schema at open, keeping its rows."""
    created = Wallet.create(wallet_dir, PASSPHRASE, kdf=FAST_KDF)
    key = created.wallet.data_key
    created.wallet.lock()
    # Rebuild the database as version 1 wrote it, with one row of data.
    (wallet_dir / "wallet.db").unlink()
    conn = db.connect(wallet_dir / "wallet.db", key, create=True)
    version, sql = db.migrations()[0]
    db.apply_migration(conn, version, sql)
    conn.execute("INSERT INTO meta (key, value) VALUES ('timezone', 'Europe/Paris')")
    conn.execute(
        "INSERT INTO batches (id, file_name, sha256, importer, importer_version, "
        "source_tz, imported_at) VALUES (1, 'f', 'h', 'i', '1', 'UTC', 'now')"
    )
    conn.execute("INSERT INTO entities (id, dataset, identifier) VALUES (1, 'benefits', 'A1')")
    conn.execute(
        "INSERT INTO payments (entity_id, payer, benefit, paid_on, amount_cents, "
        "currency, batch_id) VALUES (1, 'CAF', 'APL', '2024-01-05', 31247, 'EUR', 1)"
    )
    assert db.schema_version(conn) == 1
    conn.close()
    with Wallet.unlock(wallet_dir, PASSPHRASE) as migrated:
        assert migrated.schema_version() == db.latest_version()
        assert migrated.conn.execute("SELECT amount_cents FROM payments").fetchall() == [(31247,)]
        assert migrated.conn.execute("SELECT count(*) FROM stations").fetchone()[0] == 0
        assert migrated.integrity_problems() == []
    assert (wallet_dir / "wallet.db.before-schema-2").exists()


def test_damaged_database_says_restore(wallet: Wallet, wallet_dir: Path) -> None:
    from wallet.errors import VaultDamaged

    wallet.lock()
    path = wallet_dir / "wallet.db"
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF  # inside the first page: its HMAC no longer matches
    path.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged, match="backup"):
        Wallet.unlock(wallet_dir, PASSPHRASE)


def test_the_wallet_signing_key_is_made_at_creation_inside_the_database(
    wallet: Wallet, wallet_dir: Path
) -> None:
    rows = wallet.conn.execute(
        "SELECT scope, kind, length(secret) FROM sharing_keys ORDER BY scope"
    ).fetchall()
    assert rows == [("ledger", "ed25519", 32), ("pseudonym", "hmac", 32)]
    secrets = [bytes(r[0]) for r in wallet.conn.execute("SELECT secret FROM sharing_keys")]
    wallet.lock()
    for path in wallet_dir.iterdir():
        if path.is_file():
            for secret in secrets:
                assert secret not in path.read_bytes()
