"""The built-in channel: e-mail over the office's SMTP server (the standard library's smtplib, in a thread).

Settings (the "Pengaturan" panel of this plugin on /admin/plugin): server, port, security (STARTTLS, TLS from the
first byte, or none for a relay inside the office network), user name and password when the server asks for a
login, and the sender's address. Until the server and the sender are set, residents are not offered e-mail.
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from plugin_sdk import SettingField, get_setting

from plugins.pemberitahuan.api import Channel, DeliveryFailed, Message, check_email

PLUGIN = "pemberitahuan"
TIMEOUT = 30  # seconds for the connection and each SMTP reply
SECURITY = (("starttls", "STARTTLS (biasanya port 587)"), ("tls", "TLS sejak awal (biasanya port 465)"),
            ("tanpa", "Tanpa enkripsi (hanya server surat di jaringan kantor sendiri)"))


def _optional_email(value: str) -> str | None:
    try:
        check_email(value) if value else None
    except ValueError as exc:
        return str(exc)
    return None


def settings() -> list[SettingField]:
    return [
        SettingField("smtp_server", "Server SMTP", default="",
                     help="Mis. smtp.gmail.com atau mail.nama-nagari.desa.id. Kosong: warga tidak ditawari e-mail."),
        SettingField("smtp_port", "Port SMTP", kind="int", default=587,
                     check=lambda v: None if 1 <= v <= 65535 else "antara 1 dan 65535"),
        SettingField("smtp_keamanan", "Keamanan sambungan", kind="choice", default="starttls", choices=SECURITY),
        SettingField("smtp_pengguna", "Nama pengguna SMTP", default="", help="Kosong bila server tidak meminta login."),
        SettingField("smtp_sandi", "Kata sandi SMTP", default="",
                     help="Terlihat oleh administrator di halaman ini: pakai sandi aplikasi khusus, bukan sandi "
                          "utama kotak surat."),
        SettingField("pengirim", "Alamat pengirim", default="", check=_optional_email,
                     help="Mis. layanan@nama-nagari.desa.id; warga melihatnya sebagai pengirim."),
    ]


async def _config() -> dict:
    keys = ("smtp_server", "smtp_port", "smtp_keamanan", "smtp_pengguna", "smtp_sandi", "pengirim")
    return {key: await get_setting(PLUGIN, key) for key in keys}


def _missing(config: dict) -> str | None:
    if not (config["smtp_server"] or "").strip() or not (config["pengirim"] or "").strip():
        return "Server e-mail kantor belum diatur (halaman Plugin, Pengaturan Pemberitahuan warga)."
    return None


async def ready() -> str | None:
    return _missing(await _config())


def compose(config: dict, address: str, message: Message) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = message.subject
    mail["From"] = formataddr((message.sender, config["pengirim"])) if message.sender else config["pengirim"]
    mail["To"] = address
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=config["pengirim"].rpartition("@")[2] or None)
    link = f"\n\n{message.link}" if message.link else ""
    mail.set_content(f"{message.text}{link}\n\n--\nPesan ini dikirim otomatis oleh {message.sender or 'kantor'}. "
                     "Anda menerimanya karena memilih e-mail di halaman Pemberitahuan layanan mandiri; di sana pula "
                     "Anda dapat berhenti menerimanya.\n")
    return mail


def _deliver(config: dict, mail: EmailMessage) -> None:
    host, port, security = config["smtp_server"].strip(), int(config["smtp_port"]), config["smtp_keamanan"]
    try:
        if security == "tls":
            server = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(host, port, timeout=TIMEOUT)
        with server:
            if security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if config["smtp_pengguna"]:
                server.login(config["smtp_pengguna"], config["smtp_sandi"] or "")
            server.send_message(mail)
    except smtplib.SMTPRecipientsRefused as exc:
        code, reply = next(iter(exc.recipients.values()))
        raise DeliveryFailed(f"Server e-mail menolak alamat tujuan ({code} {_text(reply)}).", permanent=code >= 500)
    except smtplib.SMTPAuthenticationError:
        raise DeliveryFailed("Server e-mail menolak nama pengguna atau kata sandi SMTP. Periksa Pengaturan "
                             "Pemberitahuan warga di halaman Plugin.") from None
    except smtplib.SMTPResponseException as exc:
        raise DeliveryFailed(f"Server e-mail menjawab {exc.smtp_code} {_text(exc.smtp_error)}.") from None
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise DeliveryFailed(f"Server e-mail tidak dapat dihubungi ({host}:{port}): {exc}.") from None


def _text(reply) -> str:
    return (reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)).strip()[:200]


async def send(address: str, message: Message) -> None:
    config = await _config()
    if (why := _missing(config)) is not None:
        raise DeliveryFailed(why)
    await asyncio.to_thread(_deliver, config, compose(config, address, message))


CHANNEL = Channel("email", "E-mail", "Alamat e-mail", check_email, send, input_type="email",
                  hint="Contoh: nama@contoh.id", ready=ready)
