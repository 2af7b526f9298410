"""Daily signatures over the chain's head.

Anyone with write access to the database could rewrite the whole chain and
recompute every hash; they cannot forge the signature made with the key in the
data folder, and backups keep the signed heads.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.audit.chain import head
from core.audit.tables import AuditEntri, AuditKepala
from core.crypto.keys import load_or_create, public_hex, sign_hex, trusted_public_hex, verify_hex

KEY_NAME = "audit"


def _message(tanggal: str, nomor: int, hash_: str) -> bytes:
    return f"balai-audit|{tanggal}|{nomor}|{hash_}".encode()


async def sign_today(data_dir: Path, today: date | None = None) -> bool:
    """Sign the current head unless today's is already signed. Returns True when it signed."""
    tanggal = (today or date.today()).isoformat()
    if await AuditKepala.exists().where(AuditKepala.tanggal == tanggal).run():
        return False
    nomor, hash_ = await head()
    if nomor == 0:
        return False
    key = load_or_create(data_dir, KEY_NAME)
    try:
        await AuditKepala.insert(AuditKepala(tanggal=tanggal, nomor=nomor, hash=hash_,
                                             tanda_tangan=sign_hex(key, _message(tanggal, nomor, hash_)),
                                             kunci_publik=public_hex(key))).run()
    except Exception:  # another worker signed today's head first (tanggal is unique)
        return False
    return True


async def verify_heads(data_dir: Path) -> list[str]:
    """Problems with the signed heads: a bad signature, or an entry that no longer has the signed hash."""
    problems = []
    trusted = trusted_public_hex(data_dir, KEY_NAME)
    if not trusted:
        return ["kunci tanda tangan log audit (kunci/audit.pem) tidak ditemukan: pulihkan dari cadangan"] if (
            await AuditKepala.exists().run()) else []
    for row in await AuditKepala.select().order_by(AuditKepala.id).run():
        if row["kunci_publik"] not in trusted:
            problems.append(f"kepala {row['tanggal']} ditandatangani kunci yang tidak dikenal")
        elif not verify_hex(row["kunci_publik"], row["tanda_tangan"], _message(row["tanggal"], row["nomor"], row["hash"])):
            problems.append(f"tanda tangan kepala {row['tanggal']} tidak sah")
        entry = await AuditEntri.select(AuditEntri.hash).where(AuditEntri.nomor == row["nomor"]).first().run()
        if entry is None:
            problems.append(f"entri {row['nomor']} yang ditandatangani pada {row['tanggal']} hilang")
        elif entry["hash"] != row["hash"]:
            problems.append(f"entri {row['nomor']} berbeda dari yang ditandatangani pada {row['tanggal']}")
    return problems
