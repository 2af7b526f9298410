"""The dashboard's system card speaks a clerk's words; the technical details stay on the administrator's page."""

import re
from datetime import datetime, timedelta, timezone

import pytest

import plugin_sdk
from core.cadangan.buat import LAST_KEY
from core.identity.users import create_user
from core.plugin_host.settings import set_values
from plugin_sdk.testing import login, run_sync

TECHNICAL = re.compile(r"sqlite|postgres|plugin|\b\d+\.\d+\.\d+\b|\bSDK\b", re.IGNORECASE)


def visible_text(html: str) -> str:
    body = re.sub(r"<(script|style|head)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def card(html: str) -> str:
    return html.split('data-plugin="sistem"')[1].split("</article>")[0]


def as_operator(client):
    run_sync(create_user("operator1", "Operator Satu", "sandi-operator-1", "operator"))
    client.cookies.clear()
    login(client, "operator1", "sandi-operator-1")


def test_operator_dashboard_says_services_run_and_when_the_last_backup_was(admin_client, balai):
    two_hours_ago = datetime.now(timezone.utc) - timedelta(hours=2)
    run_sync(set_values({LAST_KEY: {"waktu": two_hours_ago.isoformat(), "berkas": "x.balai", "ukuran": 1}}))
    as_operator(admin_client)
    page = admin_client.get("/admin").text
    shown = card(page)
    assert "Semua layanan berjalan" in shown
    local = two_hours_ago.astimezone(timezone(timedelta(hours=7)))  # the demo profile's WIB
    assert f"pukul {local:%H.%M}" in shown and "Cadangan terakhir:" in shown
    assert "hubungi administrator" not in shown
    found = TECHNICAL.findall(visible_text(page))
    assert not found, found
    assert admin_client.get("/admin/sistem").status_code == 403


def test_operator_is_told_to_call_the_administrator_when_backups_are_old(admin_client, balai):
    old = datetime.now(timezone.utc) - timedelta(days=9)
    run_sync(set_values({LAST_KEY: {"waktu": old.isoformat(), "berkas": "x.balai", "ukuran": 1}}))
    as_operator(admin_client)
    shown = visible_text(card(admin_client.get("/admin").text))
    assert "(9 hari lalu)" in shown
    assert "Cadangan data sudah terlalu lama tidak dibuat: hubungi administrator." in shown


def test_never_backed_up_is_said_plainly(admin_client):
    shown = visible_text(card(admin_client.get("/admin").text))
    assert "Belum pernah ada cadangan data." in shown and "halaman Cadangan" in shown


def test_administrator_system_page_keeps_the_technical_details(admin_client, balai):
    page = visible_text(admin_client.get("/admin/sistem").text)
    assert balai.engine.engine_type in page
    assert plugin_sdk.CORE_VERSION in page and plugin_sdk.SDK_VERSION in page
    assert str(balai.settings.data_dir) in page and "sistem" in page
