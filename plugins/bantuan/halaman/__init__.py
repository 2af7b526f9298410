"""The routes of `bantuan`: the office's pages and the public list."""

from plugins.bantuan.halaman.dtks import ROUTES as _DTKS
from plugins.bantuan.halaman.opensid import ROUTES as _OPENSID
from plugins.bantuan.halaman.program import ROUTES as _PROGRAM
from plugins.bantuan.halaman.siklus import ROUTES as _SIKLUS
from plugins.bantuan.publik import ROUTES as _PUBLIK

ROUTES = [*_PROGRAM, *_SIKLUS, *_DTKS, *_OPENSID, *_PUBLIK]
