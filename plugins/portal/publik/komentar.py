"""Visitors' comments on an article: a form on an uncached route with its own CSRF cookie (the article page,
cached and cookie-free, only links here), held for moderation, throttled per sender.

The sender is counted by a salted hash of their address (`sidik`), never the address itself; the salt is a random
file in the data folder, the same for every worker. Plain text only: the comment is stored as typed (at most
`MAX_TEXT` characters) and escaped wherever it is shown.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template

from plugin_sdk import data_dir, nagari_profile, public, public_page, write_transaction

from plugins.portal import api
from plugins.portal.publik import contoh, tampil
from plugins.portal.tables import TUNGGU, Komentar

MAX_NAME, MAX_TEXT = 80, 2000
PER_HOUR = 5  # comments one sender may leave in an hour, on all articles together
NO_SESSION = {"skip_session": True}  # the CSRF cookie is this form's only cookie
THANKS = "Terima kasih. Komentar Anda sudah kami terima dan akan tampil setelah diperiksa pengelola situs."
TOO_MANY = ("Anda sudah mengirim {n} komentar dalam satu jam terakhir. Silakan coba lagi nanti; komentar yang "
            "sudah terkirim tetap menunggu pemeriksaan.")
_salt: list[bytes] = []


def _salt_bytes(request: Request) -> bytes:
    if not _salt:
        path = data_dir(request) / "portal" / "garam-komentar"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(path, "xb") as handle:  # the first worker writes it; the others read that one
                    handle.write(secrets.token_bytes(32))
            except FileExistsError:
                pass
        _salt.append(path.read_bytes())
    return _salt[0]


def sender_hash(request: Request) -> str:
    address = request.client.host if request.client else ""
    return hashlib.sha256(_salt_bytes(request) + address.encode()).hexdigest()


def check(nama: str, isi: str) -> dict[str, str]:
    """Indonesian messages for what is wrong with the comment ({} when it may be saved)."""
    errors = {}
    if not nama:
        errors["nama"] = "Nama wajib diisi."
    elif len(nama) > MAX_NAME:
        errors["nama"] = f"Nama paling panjang {MAX_NAME} huruf."
    if not isi:
        errors["isi"] = "Komentar wajib diisi."
    elif len(isi) > MAX_TEXT:
        errors["isi"] = f"Komentar paling panjang {MAX_TEXT:,} huruf; yang Anda tulis {len(isi):,}.".replace(",", ".")
    return errors


async def _open_article(slug: str) -> dict:
    found = await api.article(slug)
    if found is None or not found["komentar_dibuka"]:
        raise NotFoundException()
    return found


async def _form(request: Request, article: dict, status: int = 200, **context) -> Template:
    return await public_page(request, "portal/publik/komentar.html", {
        "a": article, "maks": MAX_TEXT, "isian": {}, "galat": {},
        "situs": {"nama": tampil.site_name(nagari_profile(request))}, **context}, status_code=status)


@get("/portal/komentar/{slug:str}", opt={**public(sample=f"/portal/komentar/{contoh.SAMPLE_ARTICLE}"), **NO_SESSION},
     include_in_schema=False)
async def comment_form(request: Request, slug: FromPath[str]) -> Template:
    return await _form(request, await _open_article(slug))


@post("/portal/komentar/{slug:str}", opt={**public(), **NO_SESSION}, include_in_schema=False, status_code=200)
async def comment_send(request: Request, slug: FromPath[str]) -> Template:
    article = await _open_article(slug)
    data = await request.form()
    nama = " ".join(str(data.get("nama") or "").split())
    isi = str(data.get("isi") or "").replace("\r\n", "\n").strip()
    typed = {"nama": nama, "isi": isi}
    if errors := check(nama, isi):
        return await _form(request, article, 400, isian=typed, galat=errors)
    sidik = sender_hash(request)
    since = datetime.now(timezone.utc) - timedelta(hours=1)
    async with write_transaction():
        recent = await Komentar.count().where(Komentar.sidik == sidik, Komentar.dibuat >= since).run()
        if recent >= PER_HOUR:
            refused = TOO_MANY.format(n=recent)
        else:
            refused = ""
            await Komentar.insert(Komentar(artikel=article["id"], nama=nama, isi=isi, status=TUNGGU, sidik=sidik)).run()
    if refused:
        return await _form(request, article, 429, isian=typed, galat={"umum": refused})
    return await _form(request, article, terkirim=THANKS)


ROUTES = [comment_form, comment_send]
