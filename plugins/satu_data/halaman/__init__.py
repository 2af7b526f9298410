"""Pages of satu_data: the office's choices (admin.py), the public catalogue (publik.py), downloads (unduhan.py)."""

from plugins.satu_data.halaman.admin import ROUTES as ADMIN
from plugins.satu_data.halaman.publik import ROUTES as PUBLIK
from plugins.satu_data.halaman.unduhan import ROUTES as UNDUHAN

ROUTES = [*ADMIN, *PUBLIK, *UNDUHAN]
