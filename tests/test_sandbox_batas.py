"""A letter template cannot hold the renderer's memory or CPU: size, loops and time are limited, with a clear message."""

import time

import pytest

from core.dokumen import sandbox
from plugin_sdk.testing import post_form
from tests.surat_helpers import demo_nagari, pdf_text
from tests.test_surat_templat import editor_form

TOO_LONG = "terlalu panjang"
PAYLOADS = [
    ("{{'a'*200000000}}", TOO_LONG),
    ("{% for i in range(10**9) %}x{% endfor %}", "isian yang tidak ada: range"),
    ("{{ 'a' * 10**6 * 1000 }}", TOO_LONG),
    ("{{ [1]*10**9 }}", TOO_LONG),
    ("{{ 10**9 * [1] }}", TOO_LONG),
    ("{% for i in 'a'*100000 %}{% for j in 'a'*100000 %}{% endfor %}{% endfor %}", "terlalu banyak"),
    ("{% for i in 'a'*100000 %}{% for j in 'a'*100000 %}x{% endfor %}{% endfor %}", "terlalu"),
    ("{% for i in 'a'*100000 %}{{ 'y'*100 }}{% endfor %}", TOO_LONG),
    ("{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}", "terlalu banyak"),
    ("{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n-1) }}{% else %}{{ s|length }}{% endif %}{% endmacro %}"
     "{{ d('a', 60) }}", TOO_LONG),
    ("{{ 'x'|center(10**9) }}", TOO_LONG),
    ("{{ 'x'.rjust(10**9) }}", TOO_LONG),
    ("{{ '%0999999999d' % 1 }}", TOO_LONG),
    ("{{ '%*d' % (10**9, 1) }}", TOO_LONG),
    ("{{ '{:>999999999}'.format(1) }}", TOO_LONG),
    ("{{ '{:{}}'.format(1, 10**9) }}", TOO_LONG),
    ("{{ ('a'*100000)|replace('', 'xx') }}", TOO_LONG),
    ("{{ ('a'*100000)|map('upper')|join('x'*100000) }}", TOO_LONG),
    ("{{ [1]|batch(10**9, 0)|list }}", TOO_LONG),
    ("{{ 7 ** 1000000 }}", "angka yang terlalu besar"),
]


@pytest.mark.parametrize("payload, message", PAYLOADS, ids=range(len(PAYLOADS)))
def test_greedy_templates_are_refused_quickly_with_a_clear_message(payload, message):
    started = time.monotonic()
    with pytest.raises(sandbox.TemplateProblem) as refused:
        sandbox.render(payload, {"nama": "Budi"})
    assert time.monotonic() - started < sandbox.SECONDS_LIMIT + 1
    assert message in str(refused.value)


def test_a_render_that_runs_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(sandbox, "SECONDS_LIMIT", 0.2)
    slow = ("{% set x = 'y'*199999 %}{% macro m() %}{% for i in 'a'*100000 %}{{ x }}{% endfor %}{% endmacro %}"
            "{{ m() }}")
    started = time.monotonic()
    with pytest.raises(sandbox.TemplateLimit, match="terlalu lama diolah"):
        sandbox.render(slow, {})
    assert time.monotonic() - started < 2


def test_an_ordinary_letter_body_still_renders():
    body = ("<p>Yang bertanda tangan di bawah ini menerangkan bahwa {{ penduduk.nama }}, NIK {{ penduduk.nik }},"
            " {{ 'Rp %d' % 1500000 }}, {{ 1500000|rupiah }} ({{ 1500000|rupiah_terbilang }}).</p>"
            "{% for a in anak %}<p>{{ loop.index }}. {{ a.nama ~ ' (' ~ a.umur ~ ' tahun)' }}"
            "{% if loop.last %}.{% endif %}</p>{% endfor %}"
            "<p>{{ ['satu', 'dua']|join(', ') }} {{ 'abc'|replace('b', 'x')|upper }} {{ '-' * 20 }}"
            " {{ '{} {}'.format('a', 'b') }} {{ 'x'|center(9) }} {{ 2**10 }}</p>")
    data = {"penduduk": {"nama": "Budi", "nik": "1307050101900001"},
            "anak": [{"nama": "Siti", "umur": 7}, {"nama": "Ali", "umur": 4}]}
    html = str(sandbox.render(body, data))
    assert "menerangkan bahwa Budi, NIK 1307050101900001, Rp 1500000, Rp 1.500.000" in html
    assert "<p>1. Siti (7 tahun)</p><p>2. Ali (4 tahun).</p>" in html
    assert "satu, dua AXC " + "-" * 20 + " a b     x     1024" in html
    assert len(sandbox.render("{{ 'a' * 150000 }}", {})) == 150000  # big, but under the limits


@pytest.mark.parametrize("payload", ["{{'a'*200000000}}", "{{ [1]*10**9 }}",
                                     "{% for i in 'a'*100000 %}{% for j in 'a'*100000 %}x{% endfor %}{% endfor %}"])
def test_the_preview_refuses_a_greedy_template_with_the_message(admin_client, balai, payload):
    demo_nagari(balai, residents=2)
    started = time.monotonic()
    preview = post_form(admin_client, "/admin/surat/jenis/domisili/pratinjau", editor_form("domisili", payload))
    assert time.monotonic() - started < 15  # the renderers may still be starting
    assert preview.headers["content-type"].startswith("text/html") and "Pratinjau belum dapat dibuat" in preview.text
    assert "Template" in preview.text and "terlalu" in preview.text
    good = post_form(admin_client, "/admin/surat/jenis/domisili/pratinjau",
                     editor_form("domisili", "<p>Menerangkan bahwa {{ penduduk.nama }}</p>"))
    assert good.headers["content-type"] == "application/pdf"  # the renderer is still there and works
    assert "Menerangkan bahwa Contoh Penduduk" in pdf_text(good.content)
