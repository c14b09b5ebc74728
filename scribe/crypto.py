"""Optional encryption at rest, switched on by a passphrase (SCRIBE_PASSPHRASE). Off by default.

With a passphrase, a 64-byte key is derived with scrypt (n=2**15, r=8, p=1) from the passphrase
and a random salt kept in the data folder (``encryption.salt``; not secret). Its first half is
the SQLCipher key of the database (opened through SQLAlchemy's ``sqlite+pysqlcipher`` dialect,
WAL included); its second half encrypts recordings and exports inside the data folder with
AES-256-GCM: ``MAGIC || 12-byte nonce || ciphertext+tag``. Files written outside the data folder
(``scribe export --out``, ``scribe decrypt --out``) are plain: the user asked for them there.

Needs the ``crypto`` extra (``cryptography``, ``sqlcipher3-binary``). Without a passphrase this
module changes nothing, and encrypted data is refused with a sentence asking for it.
"""

from __future__ import annotations

import io
import os
import secrets
from functools import lru_cache
from pathlib import Path

from scribe.errors import PassphraseError
from scribe.fsutil import atomic_write_bytes

PASSPHRASE_ENV = "SCRIBE_PASSPHRASE"
SALT_FILE = "encryption.salt"
MAGIC = b"SCRIBE-ENCRYPTED-1\n"
NONCE_BYTES = 12
SQLITE_HEADER = b"SQLite format 3\x00"
ENCRYPTED_FOLDERS = ("audio", "exports")
SCRYPT = dict(n=2**15, r=8, p=1)
ASK_PASSPHRASE = f"Set {PASSPHRASE_ENV} to the data folder's passphrase."
INSTALL_HINT = "Install the encryption extra: pip install 'scribe-soap[crypto]'."


def passphrase() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


def enabled() -> bool:
    return passphrase() is not None


def _salt() -> bytes:
    from scribe.paths import data_dir

    path = data_dir() / SALT_FILE
    if path.exists():
        salt = path.read_bytes()
        if len(salt) != 16:
            raise PassphraseError(f"{path} is damaged, so the encrypted data cannot be opened.",
                                  "Restore it from a backup of the data folder.")
        return salt
    salt = secrets.token_bytes(16)
    atomic_write_bytes(path, salt)
    return salt


@lru_cache(maxsize=4)
def _derive(secret: str, salt: bytes) -> bytes:
    try:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    except ImportError:
        raise PassphraseError(f"{PASSPHRASE_ENV} is set but encryption is not installed.", INSTALL_HINT) from None
    return Scrypt(salt=salt, length=64, **SCRYPT).derive(secret.encode("utf-8"))


def _keys() -> tuple[bytes, bytes]:
    """(database key, file key) for this data folder and passphrase."""
    secret = passphrase()
    if secret is None:
        raise PassphraseError("This data is encrypted.", ASK_PASSPHRASE)
    key = _derive(secret, _salt())
    return key[:32], key[32:]


# files ---------------------------------------------------------------------------
def is_encrypted(data: bytes) -> bool:
    return data.startswith(MAGIC)


def encrypt(data: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(NONCE_BYTES)
    return MAGIC + nonce + AESGCM(_keys()[1]).encrypt(nonce, data, MAGIC)


def decrypt(data: bytes, name: str = "This file") -> bytes:
    if not is_encrypted(data):
        return data
    if not enabled():
        raise PassphraseError(f"{name} is encrypted.", ASK_PASSPHRASE)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    body = data[len(MAGIC):]
    try:
        return AESGCM(_keys()[1]).decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], MAGIC)
    except (InvalidTag, ValueError):
        raise PassphraseError(f"{name} cannot be decrypted: the passphrase is wrong or the file is damaged.",
                              f"Check {PASSPHRASE_ENV}.") from None


def read_bytes(path: Path) -> bytes:
    """A file's plain bytes, whether it was written encrypted or not."""
    path = Path(path)
    return decrypt(path.read_bytes(), path.name)


def is_encrypted_file(path: Path) -> bool:
    with open(path, "rb") as fh:
        return is_encrypted(fh.read(len(MAGIC)))


def readable(path: Path) -> str | io.BytesIO:
    """What a decoder can open: the path of a plain file, or the decrypted bytes in memory."""
    return io.BytesIO(read_bytes(path)) if is_encrypted_file(path) else str(path)


def seal(path: Path, data: bytes) -> bytes:
    """The bytes to store at ``path``: encrypted for recordings and exports in the data folder."""
    if not enabled():
        return data
    from scribe.paths import data_dir

    base = data_dir().resolve()
    target = Path(path).resolve()
    if any(target.is_relative_to(base / folder) for folder in ENCRYPTED_FOLDERS):
        return encrypt(data)
    return data


def write_bytes(path: Path, data: bytes, mode: int = 0o600) -> Path:
    """Write ``data`` atomically, sealed first when ``path`` is a recording or export in the data folder."""
    return atomic_write_bytes(path, seal(path, data), mode)


def write_text(path: Path, text: str, mode: int = 0o600) -> Path:
    return write_bytes(path, text.encode("utf-8"), mode)


# database ------------------------------------------------------------------------
def sqlite_url(url):
    """The SQLAlchemy URL that opens this SQLite file: SQLCipher with the key when a passphrase is set."""
    db = Path(url.database)
    head = b""
    if db.exists():
        with open(db, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    plain = head == SQLITE_HEADER
    if not enabled():
        if head and not plain:
            raise PassphraseError(f"The database {db} is encrypted.",
                                  ASK_PASSPHRASE)
        return url
    if plain:
        raise PassphraseError(f"The database {db} was made without encryption, so a passphrase cannot open it.",
                              f"Unset {PASSPHRASE_ENV}, or use a new data folder (SCRIBE_HOME) for encrypted data.")
    try:
        import sqlcipher3  # noqa: F401 - the dialect imports it; fail here with the install hint
    except ImportError:
        raise PassphraseError(f"{PASSPHRASE_ENV} is set but SQLCipher is not installed.", INSTALL_HINT) from None
    return url.set(drivername="sqlite+pysqlcipher", password=f"x'{_keys()[0].hex()}'")


def wrong_passphrase(db: str) -> PassphraseError:
    return PassphraseError(f"The database {db} cannot be opened with this passphrase.", f"Check {PASSPHRASE_ENV}.")
