"""Built-in plugin: the installation's status, on the dashboard and on its own page."""
