"""The module Piccolo's Finder reads (PICCOLO_CONF points here).

Balai fills DB and APP_REGISTRY at run time from the settings and the installed
plugins; nothing here is hard-coded, so no `piccolo_conf.py` has to be edited.
"""

from piccolo.conf.apps import AppRegistry

DB = None
APP_REGISTRY = AppRegistry(apps=[])
