"""One version number for everything the public website shows (ENGINEERING-NOTES 13).

Any write that changes a public page (an article, a page, the menu, a budget line, a regulation) calls
`public_changed()` inside its own transaction; public-page caches key on `public_version()` (together with the
register's data version for figures drawn from residents), so every worker sees the change on its next check.
"""

from __future__ import annotations

from core.tables import Pengaturan

PUBLIC_KEY = "_publik.versi"


async def public_version() -> int:
    rows = await Pengaturan.raw("SELECT versi FROM balai_pengaturan WHERE kunci = {} LIMIT 1", PUBLIC_KEY).run()
    return rows[0]["versi"] if rows else 0


async def public_changed() -> None:
    """Call in the transaction that changes public content: cached public pages are rebuilt on their next view."""
    updated = await Pengaturan.update({Pengaturan.versi: Pengaturan.versi + 1}).where(
        Pengaturan.kunci == PUBLIC_KEY).returning(Pengaturan.versi).run()
    if not updated:
        await Pengaturan.insert(Pengaturan(kunci=PUBLIC_KEY, nilai="null", versi=1)).run()
