"""Every table of `sinkron`: the node's (outbox, position, enrolment) and the hub's (nodes, keys, invitations,
applied batches, received releases); an installation uses the side its role needs, both exist everywhere so one
migration history serves both roles."""

from plugins.sinkron.hub.tables import TABLES as HUB
from plugins.sinkron.node.tables import TABLES as NODE

TABLES = [*NODE, *HUB]
