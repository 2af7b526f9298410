"""Every route of the hub (role hub; each answers 404 on a nagari): the nodes' API, the operator's pages for the
nagari and their enrolment, and the data pages (completeness, dashboards)."""

from plugins.sinkron.hub.api import ROUTES as API
from plugins.sinkron.hub.halaman_data import ROUTES as DATA
from plugins.sinkron.hub.halaman_node import ROUTES as NODE

ROUTES = [*API, *NODE, *DATA]
